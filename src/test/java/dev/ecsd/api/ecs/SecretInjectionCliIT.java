package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Secrets injection through the Debian AWS CLI: src/test/cli/secrets-injection-cli.sh, on the simulated runtime. */
class SecretInjectionCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "secrets-injection-cli.sh");

    @Test
    void theIssuesCommandsRunATaskWithSecretsAndAMissingSecretStopsOne() {
        CliScripts.requireAwsCli();
        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 5 checks of secrets injection through the aws CLI");
        }
    }
}
