package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs single commands of the Debian AWS CLI v2 against an endpoint, with only the test's credentials and region
 * in its environment, and keeps what it printed and how it exited, so that a test can look at failures too.
 */
final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final URI endpoint;

    AwsCli(URI endpoint) {
        CliScripts.requireAwsCli();
        this.endpoint = endpoint;
    }

    /** How a command ended. */
    record Result(int exitCode, String standardOutput, String standardError) {
        String output() {
            return standardOutput + standardError;
        }

        JsonNode json() {
            assertThat(exitCode).as(output()).isZero();
            try {
                return JSON.readTree(standardOutput);
            } catch (IOException e) {
                throw new AssertionError("the CLI did not print JSON: " + output(), e);
            }
        }
    }

    Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(CliScripts.AWS_CLI.toString(), "--endpoint-url",
                endpoint.toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        try {
            Path home = Files.createTempDirectory("ecsd-cli-");
            Path standardOutput = home.resolve("stdout");
            Path standardError = home.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(standardOutput.toFile())
                    .redirectError(standardError.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("ECSD_"));
            environment.put("HOME", home.toString());
            environment.put("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY_ID);
            environment.put("AWS_SECRET_ACCESS_KEY", TestServer.SECRET_ACCESS_KEY);
            environment.put("AWS_DEFAULT_REGION", TestServer.REGION);
            environment.put("AWS_PAGER", "");
            environment.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
            environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
            environment.put("AWS_EC2_METADATA_DISABLED", "true");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(standardOutput, StandardCharsets.UTF_8),
                    Files.readString(standardError, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
