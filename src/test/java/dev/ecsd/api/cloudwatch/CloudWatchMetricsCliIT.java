package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CloudWatch's metric commands with the Debian AWS CLI v2 (AWS Query): src/test/cli/cloudwatch-metrics-cli.sh. */
class CloudWatchMetricsCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "cloudwatch-metrics-cli.sh");

    @Test
    void theCloudWatchMetricCommandsWork() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300), Map.of());

            assertThat(output).contains("ok - a namespace of AWS is refused")
                    .contains("checks of the aws CLI's cloudwatch metric commands against ecsd passed");
        }
    }
}
