package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests for AWS services ecsd does not serve, through the Debian AWS CLI: src/test/cli/unserved-services-cli.sh. */
class UnservedServiceCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "unserved-services-cli.sh");

    @Test
    void eachClientPrintsAnErrorNamingTheServiceInItsOwnProtocol() {
        CliScripts.requireAwsCli();
        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("OK: 9 checks of requests for services ecsd does not serve");
        }
    }
}
