package dev.ecsd.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The AWS CLI v2 prints the log events ecsd stores: src/test/cli/logs-cli.sh against a real server. */
class LogsCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "logs-cli.sh");

    @Test
    void getLogEventsAndTailPrintTheEvents() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(180));

            assertThat(output).contains("OK: the aws CLI reads ecsd's log events");
        }
    }
}
