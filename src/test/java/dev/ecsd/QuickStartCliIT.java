package dev.ecsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, run verbatim by src/test/cli/quick-start.sh with the Debian AWS CLI against a server
 * process on a fresh data directory and the local Docker Engine, as a new user runs it: the task runs, its lines reach
 * CloudWatch Logs, and it stops when asked.
 */
@RequiresDocker
class QuickStartCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "quick-start.sh");

    @Test
    void theReadmesQuickStartRunsVerbatim() {
        CliScripts.requireAwsCli();
        String instanceId = null;
        try (ServerProcess server = ServerProcess.start()) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());

            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(4));

            assertThat(output).contains("ok - describe-tasks shows the task RUNNING",
                    "ok - logs tail prints the task's lines", "ok - stop-task stops the task", "5 checks passed");
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }
}
