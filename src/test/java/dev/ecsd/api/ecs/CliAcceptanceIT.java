package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The foundation issue's commands typed with the real AWS CLI v2 ({@code src/test/cli/foundation.sh})
 * against a real server. Without {@code /usr/bin/aws} the test is skipped, except under CI=true.
 */
class CliAcceptanceIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "foundation.sh");

    @Test
    void foundationCommandsAnswerAsEcsDoes() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(10));

            assertThat(output).contains("checks passed").doesNotContain("FAIL");
        }
    }
}
