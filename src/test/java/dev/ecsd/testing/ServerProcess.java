package dev.ecsd.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A real ecsd server in its own JVM, started as users start it ({@code ecsd server --port P --data-dir D}),
 * so that tests can kill it with SIGKILL and start it again on the same data directory and port.
 * The server's output goes to {@link #logFile()}, which outlives restarts.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDirectory;
    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private final List<String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private EcsClient ecs;

    private ServerProcess(Path workDirectory, int port, List<String> options) {
        this.workDirectory = workDirectory;
        this.options = List.copyOf(options);
        this.dataDirectory = workDirectory.resolve("data");
        this.logFile = workDirectory.resolve("server.log");
        this.port = port;
    }

    /** Starts a server on a free loopback port with a fresh data directory, and waits until it is healthy. */
    public static ServerProcess start() {
        return start(new String[0]);
    }

    /**
     * Like {@link #start()}, with more {@code ecsd server} options (e.g. {@code --runtime simulated}), which
     * every restart passes again.
     */
    public static ServerProcess start(String... options) {
        try {
            ServerProcess server = new ServerProcess(Files.createTempDirectory("ecsd-process-"), FreePorts.freePort(),
                    List.of(options));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same data directory and port, after {@link #kill9()} or {@link #stop()}. */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is still running (pid " + process.pid() + "); stop it first");
        }
        launch();
    }

    /** Kills the server with SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
    public void kill9() {
        terminate(true);
    }

    /** Stops the server with SIGTERM, as a user or a service manager would. */
    public void stop() {
        terminate(false);
    }

    /** A client for the running server; a new one after each restart. */
    public EcsClient ecs() {
        if (ecs == null) {
            throw new IllegalStateException("the server is not running");
        }
        return ecs;
    }

    /** A new ECS client of {@code region} for the running server (signed for that region); the caller closes it. */
    public EcsClient ecs(String region) {
        return TestServer.client(EcsClient.builder(), endpoint(), region);
    }

    /** A new CloudWatch Logs client for the running server; the caller closes it. */
    public CloudWatchLogsClient logs() {
        return TestServer.client(CloudWatchLogsClient.builder(), endpoint());
    }

    /** A new ELBv2 client for the running server; the caller closes it. */
    public ElasticLoadBalancingV2Client elbv2() {
        return TestServer.client(ElasticLoadBalancingV2Client.builder(), endpoint());
    }

    /** A new CloudWatch client for the running server (RPC v2 CBOR in this SDK version); the caller closes it. */
    public CloudWatchClient cloudWatch() {
        return TestServer.client(CloudWatchClient.builder(), endpoint());
    }

    /** A new Application Auto Scaling client for the running server; the caller closes it. */
    public ApplicationAutoScalingClient autoScaling() {
        return TestServer.client(ApplicationAutoScalingClient.builder(), endpoint());
    }

    /** A new Secrets Manager client for the running server; the caller closes it. */
    public SecretsManagerClient secretsManager() {
        return TestServer.client(SecretsManagerClient.builder(), endpoint());
    }

    /** A new ECR client for the running server; the caller closes it. */
    public EcrClient ecr() {
        return TestServer.client(EcrClient.builder(), endpoint());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last server process, once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Everything the server processes have written so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (isAlive()) {
                terminate(true);
            }
            closeClient();
            http.close();
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // as ./ecsd starts it: SQLite's native library loads without the JVM's warning in the log
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.ecsd.cli.Main", "server",
                "--port", Integer.toString(port),
                "--data-dir", dataDirectory.toString(),
                "--allow-reset",
                // several servers run at once: each its own task endpoint port
                "--task-endpoint-port", "0"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // The test decides the configuration; a developer's ECSD_* variables must not change it.
        builder.environment().keySet().removeIf(name -> name.startsWith("ECSD_"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        try {
            await("ecsd on port " + port + " to answer GET /_ecsd/health")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(this::healthy);
        } catch (RuntimeException e) {
            terminate(true);
            throw new IllegalStateException("the server process did not become healthy: " + e.getMessage()
                    + "\n--- " + logFile + " ---\n" + log(), e);
        }
        ecs = EcsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server process exited with code " + process.exitValue());
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/_ecsd/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet

        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void terminate(boolean forcibly) {
        closeClient();
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the server process (pid " + process.pid() + ") did not exit within "
                        + EXIT_TIMEOUT + " of " + (forcibly ? "SIGKILL" : "SIGTERM"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void closeClient() {
        if (ecs != null) {
            ecs.close();
            ecs = null;
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a leftover temp file is no reason to fail a test
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
