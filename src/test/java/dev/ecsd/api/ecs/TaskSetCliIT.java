package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.SharedServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Services with the EXTERNAL deployment controller and their task sets through the Debian AWS CLI. */
class TaskSetCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "task-sets-cli.sh");
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @Test
    void aBlueGreenSwitchThroughTaskSetsAndItsErrors() {
        CliScripts.requireAwsCli();

        for (String region : CliScripts.REGIONS) {
            server.reset(region);
            String output = CliScripts.runIn(region, SCRIPT, server.endpoint(), Duration.ofMinutes(4));

            assertThat(output).as(region).contains("OK: 33 checks of ECS task sets through the aws CLI");
        }
    }
}
