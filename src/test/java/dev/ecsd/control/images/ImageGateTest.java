package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.registry.RegistryGate.Login;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageGateTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final String SCHEMA2 = ManifestFacts.DOCKER_MANIFEST;

    private final VirtualTimer timer = new VirtualTimer();
    private final StateStore store = StateStore.open(new MemoryBackend(), timer);
    private final EcrTokens tokens = new EcrTokens(cipher(1));
    private final ImageGate gate = new ImageGate(store, REGION, ACCOUNT, tokens, timer);

    @Test
    void aTokenOfItsRegionLogsInAsAwsUntilItExpiresTwelveHoursLater() {
        String password = password(tokens, REGION, timer.instant().plus(EcrTokens.VALIDITY));

        assertThat(gate.login("AWS", password)).contains(new Login(ACCOUNT, REGION));
        timer.advance(EcrTokens.VALIDITY.minusSeconds(1));
        assertThat(gate.login("AWS", password)).isPresent();
        timer.advance(Duration.ofSeconds(1));
        assertThat(gate.login("AWS", password)).isEmpty();
    }

    @Test
    void theAuthorizationTokenIsBase64OfAwsAndThePassword() {
        EcrTokens.Claims claims = new EcrTokens.Claims(ACCOUNT, REGION, "test", timer.instant().plusSeconds(60));

        String decoded = new String(Base64.getDecoder().decode(tokens.authorizationToken(claims)),
                StandardCharsets.UTF_8);

        assertThat(decoded).startsWith("AWS:");
        assertThat(tokens.open(decoded.substring(4))).contains(claims);
    }

    @Test
    void aTokenOfAnotherRegionAnotherKeyOrAnotherUserDoesNotLogIn() {
        String otherRegion = password(tokens, "eu-west-1", timer.instant().plusSeconds(60));
        String otherKey = password(new EcrTokens(cipher(2)), REGION, timer.instant().plusSeconds(60));
        String valid = password(tokens, REGION, timer.instant().plusSeconds(60));

        assertThat(gate.login("AWS", otherRegion)).isEmpty();
        assertThat(gate.login("AWS", otherKey)).isEmpty();
        assertThat(gate.login("aws", valid)).isEmpty();
        assertThat(gate.login("AWS", valid.replace('.', '!'))).isEmpty();
        assertThat(gate.login("AWS", "not a token")).isEmpty();
        assertThat(gate.login("AWS", null)).isEmpty();
    }

    @Test
    void aTamperedTokenDoesNotLogIn() {
        String valid = password(tokens, REGION, timer.instant().plusSeconds(60));
        String payload = new String(Base64.getUrlDecoder().decode(valid.substring(0, valid.indexOf('.'))),
                StandardCharsets.UTF_8);
        String longer = payload.replaceFirst("\\d+$", String.valueOf(Long.MAX_VALUE / 2));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(longer.getBytes(StandardCharsets.UTF_8))
                + valid.substring(valid.indexOf('.'));

        assertThat(gate.login("AWS", forged)).isEmpty();
    }

    @Test
    void repositoriesExistInTheirOwnRegionOnly() {
        repository("web", Repository.MUTABLE);

        assertThat(gate.repositoryExists(REGION, "web")).isTrue();
        assertThat(gate.repositoryExists(REGION, "api")).isFalse();
        assertThat(gate.repositoryExists("eu-west-1", "web")).isFalse();
    }

    @Test
    void anImmutableRepositoryRefusesATagThatNamesAnImageAlready() {
        repository("web", Repository.IMMUTABLE);
        gate.manifestPushed(REGION, "web", "v1", manifest(1));

        assertThat(gate.refuseManifest(REGION, "web", "v1")).contains("The image tag 'v1' already exists in the "
                + "'web' repository and cannot be overwritten because the repository is immutable.");
        assertThat(gate.refuseManifest(REGION, "web", "v2")).isEmpty();
        assertThat(gate.refuseManifest(REGION, "web", manifest(2).digest())).isEmpty();
    }

    @Test
    void aMutableRepositoryTakesAnyTagAndAMissingOneNone() {
        repository("web", Repository.MUTABLE);
        gate.manifestPushed(REGION, "web", "v1", manifest(1));

        assertThat(gate.refuseManifest(REGION, "web", "v1")).isEmpty();
        assertThat(gate.refuseManifest(REGION, "api", "v1")).contains(
                "The repository with name 'api' does not exist in the registry with id '000000000000'");
    }

    @Test
    void aPushRecordsTheImageWithItsSizeMediaTypesAndTime() {
        repository("web", Repository.MUTABLE);
        ManifestBody pushed = manifest(1);

        gate.manifestPushed(REGION, "web", "v1", pushed);

        Image image = store.snapshot().find(Kind.ECR_IMAGE, Image.key("web", pushed.digest())).orElseThrow();
        assertThat(image.imageTags()).containsExactly("v1");
        assertThat(image.imageSizeInBytes()).isEqualTo(1469 + 1000 + 1);
        assertThat(image.imageManifestMediaType()).isEqualTo(SCHEMA2);
        assertThat(image.artifactMediaType()).isEqualTo("application/vnd.docker.container.image.v1+json");
        assertThat(image.imagePushedAt()).isEqualTo(timer.instant());
        assertThat(image.imageManifest()).isEqualTo(new String(pushed.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aTagThatMovesLeavesTheOldImageUntaggedAndASecondTagJoinsTheFirst() {
        repository("web", Repository.MUTABLE);
        ManifestBody first = manifest(1);
        ManifestBody second = manifest(2);
        gate.manifestPushed(REGION, "web", "latest", first);
        gate.manifestPushed(REGION, "web", "v1", first);

        gate.manifestPushed(REGION, "web", "latest", second);

        assertThat(tags("web", first)).containsExactly("v1");
        assertThat(tags("web", second)).containsExactly("latest");
        gate.manifestPushed(REGION, "web", "v1", second);
        assertThat(tags("web", first)).isEmpty();
        assertThat(tags("web", second)).containsExactly("latest", "v1");
    }

    @Test
    void aPushByDigestRecordsAnUntaggedImageAndAPushToAMissingRepositoryNothing() {
        repository("web", Repository.MUTABLE);
        ManifestBody pushed = manifest(1);

        gate.manifestPushed(REGION, "web", pushed.digest(), pushed);
        gate.manifestPushed(REGION, "gone", "v1", pushed);
        gate.manifestPushed("eu-west-1", "web", "v1", manifest(2));

        assertThat(tags("web", pushed)).isEmpty();
        assertThat(store.snapshot().all(Kind.ECR_IMAGE).map(Image::key)).containsExactly(
                Image.key("web", pushed.digest()));
    }

    @Test
    void aManifestListIsAsLargeAsItsLargestImage() {
        repository("web", Repository.MUTABLE);
        ManifestBody small = manifest(1);
        ManifestBody large = new ManifestBody("sha256:" + "b".repeat(64), SCHEMA2,
                ("{\"schemaVersion\":2,\"mediaType\":\"" + SCHEMA2 + "\",\"config\":{\"size\":10},"
                        + "\"layers\":[{\"size\":5000}]}").getBytes(StandardCharsets.UTF_8));
        gate.manifestPushed(REGION, "web", small.digest(), small);
        gate.manifestPushed(REGION, "web", large.digest(), large);
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestFacts.OCI_INDEX + "\",\"manifests\":["
                + "{\"digest\":\"" + small.digest() + "\",\"size\":300},{\"digest\":\"" + large.digest()
                + "\",\"size\":300}]}").getBytes(StandardCharsets.UTF_8);

        gate.manifestPushed(REGION, "web", "multi", new ManifestBody("sha256:" + "c".repeat(64), null, list));

        Image index = store.snapshot().find(Kind.ECR_IMAGE, Image.key("web", "sha256:" + "c".repeat(64)))
                .orElseThrow();
        assertThat(index.imageSizeInBytes()).isEqualTo(5010);
        assertThat(index.imageManifestMediaType()).isEqualTo(ManifestFacts.OCI_INDEX);
    }

    private List<String> tags(String repository, ManifestBody manifest) {
        return store.snapshot().find(Kind.ECR_IMAGE, Image.key(repository, manifest.digest()))
                .map(Image::imageTags).orElseThrow();
    }

    private void repository(String name, String mutability) {
        store.write(tx -> tx.put(Kind.ECR_REPOSITORY, new Repository(Repository.arn(REGION, ACCOUNT, name), name,
                ACCOUNT, tx.now(), mutability, false, "AES256", null, Map.of(), null, null, null)));
    }

    /** A Docker schema 2 manifest whose last layer's size is {@code variant}, so each variant has its own digest. */
    static ManifestBody manifest(int variant) {
        String text = "{\"schemaVersion\":2,\"mediaType\":\"" + SCHEMA2 + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":1469,\"digest\":\"sha256:"
                + "a".repeat(64) + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                + "\"size\":1000,\"digest\":\"sha256:" + "d".repeat(64) + "\"},{\"size\":" + variant + "}]}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new ManifestBody(sha256(body), SCHEMA2, body);
    }

    private static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String password(EcrTokens tokens, String region, Instant expiresAt) {
        return tokens.issue(new EcrTokens.Claims(ACCOUNT, region, "test", expiresAt));
    }

    private static ValueCipher cipher(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return ValueCipher.fromBase64(Base64.getEncoder().encodeToString(key));
    }
}
