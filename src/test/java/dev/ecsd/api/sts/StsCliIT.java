package dev.ecsd.api.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** STS and temporary credentials through the Debian AWS CLI: src/test/cli/sts-cli.sh. */
class StsCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "sts-cli.sh");

    @Test
    void assumeRoleThenEcsAndStsWithTheSessionAndTheErrors() {
        CliScripts.requireAwsCli();
        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 12 checks of STS and temporary credentials through the aws CLI");
        }
    }
}
