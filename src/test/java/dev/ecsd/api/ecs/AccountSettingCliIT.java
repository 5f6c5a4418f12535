package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.SharedServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ECS account settings through the Debian AWS CLI: src/test/cli/account-settings-cli.sh. */
class AccountSettingCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "account-settings-cli.sh");
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @Test
    void everyAccountSettingOperationAndItsErrors() {
        CliScripts.requireAwsCli();

        for (String region : CliScripts.REGIONS) {
            server.reset(region);
            String output = CliScripts.runIn(region, SCRIPT, server.endpoint(), Duration.ofMinutes(3));

            assertThat(output).as(region).contains("OK: 17 checks of ECS account settings through the aws CLI");
        }
    }
}
