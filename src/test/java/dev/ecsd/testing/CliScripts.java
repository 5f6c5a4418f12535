package dev.ecsd.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the acceptance scripts of {@code src/test/cli} with the real AWS CLI v2 against a server, in an
 * environment of only what the test sets, and fails with the script's output when it fails.
 */
public final class CliScripts {
    /** The Debian CLI v2; an older pip CLI v1 may come first on PATH. */
    public static final Path AWS_CLI = Path.of("/usr/bin/aws");

    private CliScripts() {
    }

    /** Skips the calling test without the AWS CLI, except under CI=true, where that fails it. */
    public static void requireAwsCli() {
        if (Files.isExecutable(AWS_CLI)) {
            return;
        }
        String reason = AWS_CLI + " (the AWS CLI v2, Debian package awscli) is not installed, so the CLI "
                + "acceptance test cannot run";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; under CI=true this is an error, not a skip.");
        }
        Assumptions.abort(reason + ". Install it with: apt-get install -y awscli");
    }

    /** The regions the acceptance scripts of region-scoped features run in: two at once, neither the default. */
    public static final List<String> REGIONS = List.of("eu-west-1", "us-west-2");

    /** Runs {@code script} with the CLI configured for {@code region} ({@code --region}, AWS_DEFAULT_REGION). */
    public static String runIn(String region, Path script, URI endpoint, Duration timeout) {
        return run(script, endpoint, timeout, Map.of("AWS_DEFAULT_REGION", region));
    }

    /** Runs {@code script} against {@code endpoint}; see {@link #run(Path, URI, Duration, Map)}. */
    public static String run(Path script, URI endpoint, Duration timeout) {
        return run(script, endpoint, timeout, Map.of());
    }

    /**
     * Runs {@code bash script} with ECSD_ENDPOINT, the test server's credentials and region, and
     * {@code environment}; no AWS_* or ECSD_* variable, profile, config file or home directory of whoever runs
     * the build reaches it. Asserts that it exits 0 within {@code timeout}, and answers what it printed
     * (stdout and stderr together).
     */
    public static String run(Path script, URI endpoint, Duration timeout, Map<String, String> environment) {
        assertThat(script).as("the acceptance script, relative to the project directory").isRegularFile();
        Path home = temporaryDirectory();
        try {
            Path output = home.resolve("output.log");
            ProcessBuilder builder = new ProcessBuilder("bash", script.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> variables = builder.environment();
            variables.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("ECSD_"));
            variables.put("HOME", home.toString());
            variables.put("ECSD_ENDPOINT", endpoint.toString());
            variables.put("AWS_CLI", AWS_CLI.toString());
            variables.put("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY_ID);
            variables.put("AWS_SECRET_ACCESS_KEY", TestServer.SECRET_ACCESS_KEY);
            variables.put("AWS_DEFAULT_REGION", TestServer.REGION);
            variables.put("AWS_PAGER", "");
            variables.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
            variables.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
            variables.put("AWS_EC2_METADATA_DISABLED", "true");
            variables.putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);

            assertThat(finished).as("%s finished within %s; its output:%n%s", script, timeout, printed).isTrue();
            assertThat(process.exitValue()).as("exit code of %s; its output:%n%s", script, printed).isZero();
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(home);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ecsd-cli-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }
}
