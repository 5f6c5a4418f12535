package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.BoundedProcess;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * A lifecycle policy applied end to end, with a real server, its docker-registry child and the real Docker CLI: in a
 * repository that keeps the last 2 images, a third push leaves the two newest in DescribeImages, and the oldest can
 * no longer be pulled by its digest.
 */
@RequiresDocker
class LifecycleDockerIT {
    private static final String KEEP_TWO = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the last 2 images\","
            + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    private TestServer server;
    private EcrClient ecr;
    private EcrDocker docker;

    @BeforeEach
    void start() {
        docker = new EcrDocker();
        server = TestServer.start();
        ecr = server.ecr();
    }

    @AfterEach
    void stop() {
        if (docker != null) {
            docker.close();
        }
        if (ecr != null) {
            ecr.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keepingTheLastTwoImagesAThirdPushLeavesTheTwoNewestAndTheOldestCannotBePulled() {
        assertThat(server.server().images().available()).as("the registry runs").isTrue();
        String uri = ecr.createRepository(r -> r.repositoryName("lifecycle/web")).repository().repositoryUri();
        ecr.putLifecyclePolicy(r -> r.repositoryName("lifecycle/web").lifecyclePolicyText(KEEP_TWO));
        docker.login(ecr, uri);

        String first = docker.buildAndPush(uri, 1);
        String second = docker.buildAndPush(uri, 2);
        String third = docker.buildAndPush(uri, 3);
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();

        List<ImageDetail> kept = Awaitility.await("the policy to leave two images").atMost(Duration.ofSeconds(60))
                .until(() -> ecr.describeImages(r -> r.repositoryName("lifecycle/web")).imageDetails(),
                        images -> images.size() == 2);
        assertThat(kept).extracting(ImageDetail::imageDigest).containsExactlyInAnyOrder(second, third);
        assertThat(kept).flatExtracting(ImageDetail::imageTags).containsExactlyInAnyOrder("v2", "v3");
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("lifecycle/web")).lastEvaluatedAt()).isNotNull();

        assertThat(docker.run("rmi", "-f", uri + ":v1").exitCode()).isZero();
        BoundedProcess.Result pull = docker.run("pull", uri + "@" + first);
        assertThat(pull.exitCode()).as(pull.output()).isNotZero();
        assertThat(pull.output()).containsIgnoringCase("manifest unknown");
        BoundedProcess.Result kept3 = docker.run("pull", uri + "@" + third);
        assertThat(kept3.exitCode()).as(kept3.output()).isZero();
    }
}
