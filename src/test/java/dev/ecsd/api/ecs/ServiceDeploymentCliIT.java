package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.SharedServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service deployments and revisions through the AWS CLI: src/test/cli/service-deployments-cli.sh. */
class ServiceDeploymentCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "service-deployments-cli.sh");
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @Test
    void theHistoryOperationsAndTheirErrors() {
        CliScripts.requireAwsCli();

        for (String region : CliScripts.REGIONS) {
            server.reset(region);
            String output = CliScripts.runIn(region, SCRIPT, server.endpoint(), Duration.ofMinutes(4));

            assertThat(output).as(region)
                    .contains("OK: 27 checks of service deployments and revisions through the aws CLI");
        }
    }
}
