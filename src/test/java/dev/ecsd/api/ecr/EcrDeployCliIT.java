package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The images issue's commands as a user types them ({@code src/test/cli/ecr-images.sh}): the AWS CLI creates a
 * repository and hands out the login, the Docker CLI logs in and pushes a locally built image through ecsd's
 * registry, a service runs it, a forced deployment moves it to a second tag, a task of a missing tag stops with
 * ECS's pull error and a service of it trips its circuit breaker, and an IMMUTABLE tag refuses a re-push. Without {@code /usr/bin/aws} the test is skipped, except under CI=true.
 */
@RequiresDocker
class EcrDeployCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "ecr-images.sh");

    @Test
    void anImagePushedToEcrRunsAsAServiceAndMovesWithAForcedDeployment() {
        CliScripts.requireAwsCli();

        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker()) {
            String image = TestImages.busybox(docker);
            Map<String, String> ours = Map.of(ContainerSpecs.LABEL_INSTANCE,
                    DockerCli.instanceIdOf(server.dataDirectory()));
            try {
                String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(10),
                        Map.of("ECSD_TEST_IMAGE", image));
                System.out.println(output);

                assertThat(output).contains("checks passed").doesNotContain("FAIL")
                        .contains("ok - the task's container reports the pushed digest")
                        .contains("ok - the running task reports v3's digest")
                        .contains("ok - stoppedReason: CannotPullContainerError: ")
                        .contains("ok - the service's events: deployment failed: tasks failed to start.")
                        .contains("ok - IMMUTABLE: docker push of an existing tag is refused with ECR's message");
                await("the deleted service's containers removed").atMost(Duration.ofMinutes(1))
                        .until(() -> docker.listContainers(ours).isEmpty());
            } finally {
                docker.listContainers(ours).forEach(c -> docker.removeContainer(c.id()));
            }
        }
    }
}
