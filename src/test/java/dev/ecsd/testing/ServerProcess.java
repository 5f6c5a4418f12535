package dev.ecsd.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * An ecsd server in a JVM of its own, started as {@code ecsd server} is, for tests that must kill it as hard as a
 * crash does ({@link #kill()} is SIGKILL) and start it again on the same data directory.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("ecsd serving on (http://\\S+)");

    private final Process process;
    private final Path output;
    private final URI endpoint;

    private ServerProcess(Process process, Path output, URI endpoint) {
        this.process = process;
        this.output = output;
        this.endpoint = endpoint;
    }

    /** Starts a server on a free loopback port with its state in {@code dataDirectory}; waits until it serves. */
    public static ServerProcess start(Path dataDirectory) {
        try {
            Path output = Files.createTempFile("ecsd-server-", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Surefire and failsafe run tests from a manifest-only jar; this property is the real class path.
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                    "dev.ecsd.cli.Main", "server", "--port", "0", "--bind", "127.0.0.1",
                    "--data-dir", dataDirectory.toString(), "--allow-reset"))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            URI[] endpoint = new URI[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String text = Files.readString(output);
                Matcher matcher = SERVING.matcher(text);
                if (matcher.find()) {
                    endpoint[0] = URI.create(matcher.group(1));
                    return true;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("ecsd exited with " + process.exitValue() + ":\n" + text);
                }
                return false;
            });
            return new ServerProcess(process, output, endpoint[0]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start ecsd in a process of its own", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public CloudWatchLogsClient logs() {
        return CloudWatchLogsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Kills the server with SIGKILL, giving it no chance to close anything, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ecsd did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the server printed, for failure messages. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
