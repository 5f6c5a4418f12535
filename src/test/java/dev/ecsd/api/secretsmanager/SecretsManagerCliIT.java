package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Secrets Manager through the Debian AWS CLI: src/test/cli/secretsmanager-cli.sh, with the issue's commands. */
class SecretsManagerCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "secretsmanager-cli.sh");

    @Test
    void theIssuesCommandsAndEveryOperationTheCliHas() {
        CliScripts.requireAwsCli();
        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 18 checks of Secrets Manager through the aws CLI");
        }
    }
}
