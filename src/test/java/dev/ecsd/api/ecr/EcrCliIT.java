package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.SharedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Amazon ECR through the Debian AWS CLI: src/test/cli/ecr-cli.sh, in the default region and two others. */
class EcrCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "ecr-cli.sh");
    private static final Pattern PASSWORD = Pattern.compile("login-password: (\\S+)");

    @RegisterExtension
    static final SharedServer server = SharedServer.withImages(new MemoryImageStorage());

    @Test
    void repositoriesTokensAndImagesThroughTheCli() {
        CliScripts.requireAwsCli();

        String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofMinutes(3));

        assertThat(output).contains("OK: 30 checks of Amazon ECR through the aws CLI");
        Matcher password = PASSWORD.matcher(output);
        assertThat(password.find()).isTrue();
        assertThat(server.server().registryGate().login("AWS", password.group(1)))
                .hasValueSatisfying(login -> assertThat(login.region()).isEqualTo("us-east-1"));
    }

    @Test
    void aTokenOfAnotherRegionLogsInToThatRegionOnly() {
        CliScripts.requireAwsCli();
        String region = CliScripts.REGIONS.getFirst();
        server.reset(region);

        String output = CliScripts.runIn(region, SCRIPT, server.endpoint(), Duration.ofMinutes(3));

        assertThat(output).contains("OK: 30 checks of Amazon ECR through the aws CLI");
        Matcher password = PASSWORD.matcher(output);
        assertThat(password.find()).isTrue();
        assertThat(server.server().registryGate().login("AWS", password.group(1)))
                .hasValueSatisfying(login -> assertThat(login.region()).isEqualTo(region));
        assertThat(server.server().region(region).imageGate().login("AWS", password.group(1))).isPresent();
        assertThat(server.server().region("us-east-1").imageGate().login("AWS", password.group(1))).isEmpty();
    }
}
