package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SSM Parameter Store through the Debian AWS CLI: src/test/cli/ssm-cli.sh. */
class SsmCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "ssm-cli.sh");

    @Test
    void everyParameterOperationAndItsErrors() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 20 checks of SSM Parameter Store through the aws CLI");
        }
    }
}
