package dev.ecsd.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI v2 prints the log events ecsd stores: src/test/cli/logs-cli.sh against a real server. */
class LogsCliIT {
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final Path SCRIPT = Path.of("src/test/cli/logs-cli.sh");

    @TempDir
    Path home;

    @Test
    void getLogEventsAndTailPrintTheEvents() throws IOException, InterruptedException {
        if (!Files.isExecutable(AWS_CLI)) {
            String reason = AWS_CLI + " (the Debian awscli package, AWS CLI v2) is not installed";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + ", and CI=true requires it");
            }
            Assumptions.abort(reason + "; install it (apt-get install -y awscli) to run this check");
        }
        try (TestServer server = TestServer.start()) {
            Path outputFile = home.resolve("output.txt");
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("ECSD_ENDPOINT", server.endpoint().toString());
            environment.put("AWS_CLI", AWS_CLI.toString());
            environment.put("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY_ID);
            environment.put("AWS_SECRET_ACCESS_KEY", TestServer.SECRET_ACCESS_KEY);
            environment.put("AWS_DEFAULT_REGION", TestServer.REGION);
            environment.remove("AWS_PROFILE");
            environment.remove("AWS_SESSION_TOKEN");
            // Nothing from the user's own AWS configuration may change what the check does.
            environment.put("HOME", home.toString());
            environment.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
            environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
            environment.put("AWS_PAGER", "");
            environment.put("AWS_EC2_METADATA_DISABLED", "true");
            Process process = builder.start();
            boolean exited = process.waitFor(180, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = Files.readString(outputFile, StandardCharsets.UTF_8);
            assertThat(exited).as("the script finished within 180 s; it printed:%n%s", output).isTrue();
            assertThat(process.exitValue()).as("the script's exit status; it printed:%n%s", output).isZero();
            assertThat(output).contains("OK: the aws CLI reads ecsd's log events");
        }
    }
}
