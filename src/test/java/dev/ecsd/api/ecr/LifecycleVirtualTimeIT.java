package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.server.EcsdServer;
import dev.ecsd.testing.ClockedClients;
import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * A whole server on virtual time, its controllers run by the test: a lifecycle policy is applied when it is put and
 * after a push, and its sinceImagePushed rule expires an image at the first hourly run after the image is old enough.
 */
class LifecycleVirtualTimeIT {
    private static final String UNTAGGED_AFTER_A_DAY = "{\"rules\":[{\"rulePriority\":1,\"description\":\"untagged "
            + "for a day\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
            + "\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";

    private final VirtualTimer timer = new VirtualTimer();
    private final MemoryImageStorage registry = new MemoryImageStorage();
    private Path dataDirectory;
    private EcsdServer server;
    private EcrClient ecr;

    @BeforeEach
    void start() throws Exception {
        dataDirectory = Files.createTempDirectory("ecsd-lifecycle-");
        server = EcsdServer.start(TestServer.configFor(dataDirectory), timer, new SimulatedRuntime(timer), true, null,
                registry);
        ecr = ClockedClients.signedWith(EcrClient.builder(), URI.create("http://127.0.0.1:" + server.port()), timer,
                TestServer.credentials());
    }

    @AfterEach
    void stop() throws IOException {
        if (ecr != null) {
            ecr.close();
        }
        if (server != null) {
            server.close();
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anUntaggedImageIsExpiredAtTheFirstHourlyRunAfterItIsADayOld() {
        ecr.createRepository(r -> r.repositoryName("web"));
        ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(UNTAGGED_AFTER_A_DAY));
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lastEvaluatedAt())
                .as("nothing runs before the controllers do").isNull();
        settle();
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lastEvaluatedAt()).isEqualTo(timer.instant());

        timer.advance(Duration.ofMinutes(10));
        String untagged = ecr.putImage(r -> r.repositoryName("web").imageManifest(EcrImagesIT.manifest(1))).image()
                .imageId().imageDigest();
        String tagged = ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(EcrImagesIT.manifest(2)))
                .image().imageId().imageDigest();
        settle();
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lastEvaluatedAt())
                .as("applied after the push").isEqualTo(timer.instant());

        timer.advance(Duration.ofDays(1).minusMinutes(1));
        settle();
        assertThat(digests()).containsExactlyInAnyOrder(untagged, tagged);

        timer.advance(Duration.ofHours(1));
        settle();
        assertThat(digests()).containsExactly(tagged);
        assertThat(registry.holds("us-east-1", "web", untagged)).isFalse();
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lastEvaluatedAt()).isEqualTo(timer.instant());
    }

    private void settle() {
        server.controllers().runUntilIdle();
    }

    private Stream<String> digests() {
        return ecr.describeImages(r -> r.repositoryName("web")).imageDetails().stream().map(ImageDetail::imageDigest);
    }
}
