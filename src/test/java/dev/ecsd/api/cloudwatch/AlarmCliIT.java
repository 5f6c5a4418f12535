package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CloudWatch's alarm operations through the Debian AWS CLI (Query/XML): src/test/cli/cloudwatch-alarms-cli.sh. */
class AlarmCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "cloudwatch-alarms-cli.sh");

    @Test
    void everyAlarmOperationAndItsErrors() {
        CliScripts.requireAwsCli();

        // Time stands still (at the real time, for signatures) and no alarm is evaluated: a state set by the script
        // stays until it looks, whenever a minute ends.
        VirtualTimer timer = new VirtualTimer(Instant.now());
        try (TestServer server = TestServer.start(timer, new SimulatedRuntime(timer), true)) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 14 checks of CloudWatch alarms through the aws CLI");
        }
    }
}
