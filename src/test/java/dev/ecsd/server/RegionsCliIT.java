package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.SharedServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every region its own namespace through the Debian AWS CLI with --region: src/test/cli/regions-cli.sh. */
class RegionsCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "regions-cli.sh");
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @Test
    void eachRegionSeesOnlyItsOwnClustersDefinitionsAndTasks() {
        CliScripts.requireAwsCli();

        String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(3));

        assertThat(output).contains("OK: 21 checks of regions through the aws CLI");
    }
}
