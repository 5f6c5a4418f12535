package dev.ecsd.api.ecs;

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
 * The services issue's commands typed with the real AWS CLI v2 ({@code src/test/cli/services.sh}) against a
 * server whose tasks run on Docker. Without {@code /usr/bin/aws} the test is skipped, except under CI=true.
 */
@RequiresDocker
class ServicesCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "services.sh");

    @Test
    void servicesCommandsAnswerAsEcsDoes() {
        CliScripts.requireAwsCli();

        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker()) {
            String image = TestImages.busybox(docker);
            Map<String, String> ours = Map.of(ContainerSpecs.LABEL_INSTANCE,
                    DockerCli.instanceIdOf(server.dataDirectory()));
            try {
                String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(10),
                        Map.of("ECSD_TEST_IMAGE", image));

                assertThat(output).contains("checks passed").doesNotContain("FAIL");
                await("the deleted services' containers removed").atMost(Duration.ofMinutes(1))
                        .until(() -> docker.listContainers(ours).isEmpty());
            } finally {
                docker.listContainers(ours).forEach(c -> docker.removeContainer(c.id()));
            }
        }
    }
}
