package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** CloudWatch's alarm operations through the Debian AWS CLI (Query/XML): src/test/cli/cloudwatch-alarms-cli.sh. */
class AlarmCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "cloudwatch-alarms-cli.sh");

    @Test
    void everyAlarmOperationAndItsErrors() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 14 checks of CloudWatch alarms through the aws CLI");
        }
    }
}
