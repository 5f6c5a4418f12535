package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageExpiryTest {
    private static final String REGION = "us-east-1";

    private final VirtualTimer timer = new VirtualTimer();
    private final StateStore store = StateStore.open(new MemoryBackend(), timer);
    private final MemoryImageStorage registry = new MemoryImageStorage();
    private final ImageExpiry expiry = new ImageExpiry(store, registry, REGION);

    @Test
    void expiredImagesLeaveTheStoreAndTheRegistryAndThePolicyRecordsWhen() {
        repository("web");
        ManifestBody first = push("web", "v1", 1);
        ManifestBody second = push("web", "v2", 2);
        timer.advance(Duration.ofMinutes(5));

        List<Image> expired = expiry.expire("web", List.of(first.digest(), "sha256:" + "0".repeat(64)));

        assertThat(expired).extracting(Image::imageDigest).containsExactly(first.digest());
        assertThat(store.snapshot().all(Kind.ECR_IMAGE).map(Image::imageDigest)).containsExactly(second.digest());
        assertThat(registry.holds(REGION, "web", first.digest())).isFalse();
        assertThat(registry.holds(REGION, "web", second.digest())).isTrue();
        Repository repository = store.snapshot().find(Kind.ECR_REPOSITORY, "web").orElseThrow();
        assertThat(repository.lifecyclePolicyEvaluatedAt()).isEqualTo(timer.instant());
        assertThat(repository.lifecyclePolicy()).isEqualTo("{\"rules\":[]}");
    }

    @Test
    void aRepositoryThatIsGoneExpiresNothing() {
        assertThat(expiry.expire("gone", List.of("sha256:" + "1".repeat(64)))).isEmpty();
    }

    private ManifestBody push(String repository, String tag, int variant) {
        ManifestBody template = ImageGateTest.manifest(variant);
        ManifestBody stored = registry.putManifest(REGION, repository, tag, template.mediaType(), template.body());
        store.write(tx -> RepositoryImages.recordPush(tx, repository, tag, stored));
        return stored;
    }

    private void repository(String name) {
        store.write(tx -> tx.put(Kind.ECR_REPOSITORY, new Repository(Repository.arn(REGION, "000000000000", name),
                name, "000000000000", tx.now(), Repository.MUTABLE, false, "AES256", null, Map.of(), null,
                "{\"rules\":[]}", null)));
    }
}
