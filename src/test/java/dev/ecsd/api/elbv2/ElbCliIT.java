package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issue's aws elbv2 commands with the AWS CLI v2: src/test/cli/elbv2-cli.sh against a real server. */
class ElbCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "elbv2-cli.sh");

    @Test
    void theIssuesElbv2CommandsWork() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300),
                    Map.of("ELB_LISTENER_PORT", Integer.toString(FreePorts.freePort())));

            assertThat(output).contains("An error occurred (TargetGroupNotFound)")
                    .contains("checks of the aws CLI's elbv2 commands against ecsd passed");
        }
    }
}
