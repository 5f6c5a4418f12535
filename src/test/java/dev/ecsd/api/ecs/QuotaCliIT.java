package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.EcsQuotas;
import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ECS's quotas and oversized inputs through the Debian AWS CLI: src/test/cli/quotas-cli.sh. */
class QuotaCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "quotas-cli.sh");

    @Test
    void quotasAndOversizedInputsAnswerEcsErrors() throws Exception {
        CliScripts.requireAwsCli();
        EcsQuotas small = EcsQuotas.ECS.with(List.of("clusters=3", "services-per-cluster=2",
                "tasks-per-service=5"));
        try (TestServer server = TestServer.start(
                TestServer.configFor(Files.createTempDirectory("ecsd-quota-cli-")).withQuotas(small))) {

            for (String region : CliScripts.REGIONS) {
                String output = CliScripts.runIn(region, SCRIPT, server.endpoint(), Duration.ofMinutes(3));

                assertThat(output).as(region).contains("OK: 9 checks of ECS quotas through the aws CLI");
            }
        }
    }
}
