package dev.ecsd.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The issue's aws application-autoscaling commands with the AWS CLI v2: src/test/cli/autoscaling-cli.sh. */
class AutoScalingCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "autoscaling-cli.sh");

    @Test
    void theIssuesApplicationAutoScalingCommandsWork() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("ok - put-scaling-policy answers the policy's ARN")
                    .contains("ok - another namespace is refused clearly")
                    .contains("checks of the aws CLI's application-autoscaling commands against ecsd passed");
        }
    }
}
