package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The tasks issue's commands typed with the real AWS CLI v2 ({@code src/test/cli/tasks.sh}) against a real server
 * whose tasks run on Docker. Without {@code /usr/bin/aws} the test is skipped, except under CI=true.
 */
@RequiresDocker
class TasksCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "tasks.sh");

    @Test
    void taskCommandsAnswerAsEcsDoes() {
        CliScripts.requireAwsCli();

        String instanceId = null;
        try (TestServer server = TestServer.startWithDocker()) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            String image = TestImages.busybox((DockerRuntime) server.server().runtime());

            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(10),
                    Map.of("ECSD_TEST_IMAGE", image));

            assertThat(output).contains("checks passed").doesNotContain("FAIL");
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }
}
