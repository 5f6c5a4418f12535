package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lifecycle controller on virtual time: when policies are applied, and that expired images leave the registry. */
class LifecyclePolicyControllerTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    static final String KEEP_TWO = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the last 2 images\","
            + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},"
            + "\"action\":{\"type\":\"expire\"}}]}";
    private static final String UNTAGGED_AFTER_A_DAY = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":"
            + "\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    private final VirtualTimer timer = new VirtualTimer();
    private final StateStore store = StateStore.open(new MemoryBackend(), timer);
    private final MemoryImageStorage registry = new MemoryImageStorage();
    private final ImageGate gate = new ImageGate(store, REGION, ACCOUNT,
            new EcrTokens(ValueCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]))), timer);
    private final ControllerRuntime runtime = ControllerRuntime.manual(timer);

    LifecyclePolicyControllerTest() {
        new LifecyclePolicyController(store, new ImageExpiry(store, registry, REGION), runtime);
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aPushIntoARepositoryThatKeepsTwoImagesExpiresTheOldestOnceTheControllerRunsNotDuringThePush() {
        repository("web", KEEP_TWO);
        ManifestBody first = push("web", "v1", 1);
        ManifestBody second = push("web", "v2", 2);
        ManifestBody third = push("web", "v3", 3);

        assertThat(digests("web")).hasSize(3);
        runtime.runUntilIdle();

        assertThat(digests("web")).containsExactlyInAnyOrder(second.digest(), third.digest());
        assertThat(registry.holds(REGION, "web", first.digest())).isFalse();
        assertThat(registry.holds(REGION, "web", third.digest())).isTrue();
        assertThat(repository("web").lifecyclePolicyEvaluatedAt()).isEqualTo(timer.instant());
    }

    @Test
    void puttingAPolicyAppliesItToTheImagesAlreadyThere() {
        repository("web", null);
        ManifestBody first = push("web", "v1", 1);
        push("web", "v2", 2);
        push("web", "v3", 3);
        runtime.runUntilIdle();
        assertThat(digests("web")).hasSize(3);
        assertThat(repository("web").lifecyclePolicyEvaluatedAt()).isNull();

        store.write(tx -> tx.put(Kind.ECR_REPOSITORY, repository("web").withLifecyclePolicy(KEEP_TWO, null)));
        runtime.runUntilIdle();

        assertThat(digests("web")).hasSize(2).doesNotContain(first.digest());
    }

    @Test
    void sinceImagePushedExpiresAnImageAtTheFirstHourlyRunAfterItsAgeIsPast() {
        repository("web", UNTAGGED_AFTER_A_DAY);
        ManifestBody untagged = push("web", null, 1);
        ManifestBody tagged = push("web", "v1", 2);
        runtime.runUntilIdle();

        // the hourly runs up to a day after the push (23 of them) leave the image, a minute short of a day old
        timer.advance(Duration.ofDays(1).minusMinutes(2));
        assertThat(runtime.runUntilIdle()).isPositive();
        assertThat(digests("web")).contains(untagged.digest());

        timer.advance(LifecyclePolicyController.EVERY);
        runtime.runUntilIdle();
        assertThat(digests("web")).containsExactly(tagged.digest());
        assertThat(registry.holds(REGION, "web", untagged.digest())).isFalse();
        assertThat(repository("web").lifecyclePolicyEvaluatedAt()).isEqualTo(timer.instant());
    }

    @Test
    void aDeletedPolicyNoLongerExpiresAnything() {
        repository("web", KEEP_TWO);
        push("web", "v1", 1);
        push("web", "v2", 2);
        runtime.runUntilIdle();
        store.write(tx -> tx.put(Kind.ECR_REPOSITORY, repository("web").withLifecyclePolicy(null, null)));

        push("web", "v3", 3);
        timer.advance(LifecyclePolicyController.EVERY.multipliedBy(2));
        runtime.runUntilIdle();

        assertThat(digests("web")).hasSize(3);
    }

    @Test
    void aPushIntoAnotherRepositoryLeavesThisOneAlone() {
        repository("web", KEEP_TWO);
        repository("api", null);
        for (int i = 1; i <= 3; i++) {
            push("api", "v" + i, i);
        }
        runtime.runUntilIdle();

        assertThat(digests("api")).hasSize(3);
    }

    /** A push as Docker makes it: the registry takes the manifest, then the gate records it; a minute between. */
    private ManifestBody push(String name, String tag, int variant) {
        timer.advance(Duration.ofMinutes(1));
        ManifestBody template = ImageGateTest.manifest(variant);
        ManifestBody stored = registry.putManifest(REGION, name, tag == null ? template.digest() : tag,
                template.mediaType(), template.body());
        gate.manifestPushed(REGION, name, tag == null ? stored.digest() : tag, stored);
        return stored;
    }

    private List<String> digests(String name) {
        return RepositoryImages.of(store.snapshot(), name).stream().map(Image::imageDigest).toList();
    }

    private Repository repository(String name) {
        return store.snapshot().find(Kind.ECR_REPOSITORY, name).orElseThrow();
    }

    private void repository(String name, String policy) {
        store.write(tx -> tx.put(Kind.ECR_REPOSITORY, new Repository(Repository.arn(REGION, ACCOUNT, name), name,
                ACCOUNT, tx.now(), Repository.MUTABLE, false, "AES256", null, Map.of(), null, policy, null)));
    }
}
