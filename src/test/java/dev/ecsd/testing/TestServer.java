package dev.ecsd.testing;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.registry.ImageStorage;
import dev.ecsd.server.EcsdServer;
import dev.ecsd.server.ServerConfig;
import dev.ecsd.time.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real ecsd server in this JVM, on a free loopback port and a fresh data directory, with SDK clients
 * that reach it over HTTP exactly as users' clients do.
 */
public final class TestServer implements AutoCloseable {
    public static final String ACCESS_KEY_ID = ServerConfig.DEFAULT_ACCESS_KEY_ID;
    public static final String SECRET_ACCESS_KEY = ServerConfig.DEFAULT_SECRET_ACCESS_KEY;
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private final EcsdServer server;
    private final Path dataDirectory;
    private final EcsClient ecs;

    private TestServer(EcsdServer server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.ecs = EcsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    public static TestServer start() {
        try {
            Path directory = Files.createTempDirectory("ecsd-test-");
            return start(configFor(directory));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start(ServerConfig config) {
        return start(config, null);
    }

    /** A server of {@code config} that publishes its metrics into {@code metrics} (when not null). */
    public static TestServer start(ServerConfig config, MetricStore metrics) {
        try {
            return new TestServer(EcsdServer.start(config, metrics), config.dataDirectory());
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    /** A server on the simulated runtime whose images {@code images} holds (a registry in memory, say). */
    public static TestServer startWithImages(ImageStorage images) {
        return startWithImages(configFor(temporaryDirectory()), images);
    }

    /** As {@link #startWithImages(ImageStorage)}, of {@code config} (a data directory of an earlier server, say). */
    public static TestServer startWithImages(ServerConfig config, ImageStorage images) {
        try {
            return new TestServer(EcsdServer.start(config, null, images), config.dataDirectory());
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    /** A server whose tasks run on the local Docker Engine, publishing its metrics every {@code period} into {@code metrics}. */
    public static TestServer startWithDocker(MetricPeriod period, MetricStore metrics) {
        return start(configFor(temporaryDirectory()).withRuntime(ServerConfig.RUNTIME_DOCKER).withMetricPeriod(period),
                metrics);
    }

    /** A server whose tasks run on the local Docker Engine. */
    public static TestServer startWithDocker() {
        return start(configFor(temporaryDirectory()).withRuntime(ServerConfig.RUNTIME_DOCKER));
    }

    /** A server whose tasks run on the given runtime and whose every wait is on the given timer. */
    public static TestServer start(Timer clock, ContainerRuntime runtime) {
        return start(clock, runtime, false);
    }

    /**
     * As {@link #start(Timer, ContainerRuntime)}; with {@code manualControllers} the controllers run only when the
     * test calls {@code server().controllers().runUntilIdle()}, on its own thread.
     */
    public static TestServer start(Timer clock, ContainerRuntime runtime, boolean manualControllers) {
        return start(clock, runtime, manualControllers, null);
    }

    /** As {@link #start(Timer, ContainerRuntime, boolean)}, publishing ecsd's metrics into {@code metrics} when not null. */
    public static TestServer start(Timer clock, ContainerRuntime runtime, boolean manualControllers,
            MetricStore metrics) {
        return start(clock, runtime, manualControllers, metrics, UnaryOperator.identity());
    }

    /** As {@link #start(Timer, ContainerRuntime, boolean, MetricStore)}, the configuration changed by {@code more}. */
    public static TestServer start(Timer clock, ContainerRuntime runtime, boolean manualControllers,
            MetricStore metrics, UnaryOperator<ServerConfig> more) {
        try {
            ServerConfig config = more.apply(configFor(temporaryDirectory()));
            return new TestServer(EcsdServer.start(config, clock, runtime, manualControllers, metrics),
                    config.dataDirectory());
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    /**
     * A client of any AWS service for a server at {@code endpoint}: the test region and credentials and a plain
     * HTTP client; the caller closes it.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return client(builder, endpoint, credentials());
    }

    /** As {@link #client(AwsClientBuilder, URI)}, signing with other credentials (temporary ones, say). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint,
            AwsCredentialsProvider credentials) {
        return client(builder, endpoint, credentials, REGION);
    }

    /** As {@link #client(AwsClientBuilder, URI)}, for another region: its requests are signed for {@code region}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint,
            String region) {
        return client(builder, endpoint, credentials(), region);
    }

    /** A client signing with {@code credentials} for {@code region}; the caller closes it. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint,
            AwsCredentialsProvider credentials, String region) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A new ECS client of {@code region} (the requests are signed for it); the caller closes it. */
    public EcsClient ecs(String region) {
        return client(EcsClient.builder(), server.endpoint(), region);
    }

    /** A loopback-only server on any free port with the simulated runtime and reset enabled. */
    public static ServerConfig configFor(Path dataDirectory) {
        return new ServerConfig("127.0.0.1", 0, dataDirectory, REGION, ACCOUNT, ACCESS_KEY_ID, SECRET_ACCESS_KEY, true,
                ServerConfig.DEFAULT_MAX_REQUEST_BYTES, ServerConfig.RUNTIME_SIMULATED);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ecsd-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    public EcsClient ecs() {
        return ecs;
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.builder(), server.endpoint());
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return client(ElasticLoadBalancingV2Client.builder(), server.endpoint());
    }

    /** A CloudWatch client for the server; in this SDK version it speaks RPC v2 CBOR. */
    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.builder(), server.endpoint());
    }

    /** An SSM client for the server; the caller closes it. */
    public SsmClient ssm() {
        return client(SsmClient.builder(), server.endpoint());
    }

    /** A Secrets Manager client for the server. */
    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.builder(), server.endpoint());
    }

    /** An ECR client for the server; the caller closes it. */
    public EcrClient ecr() {
        return client(EcrClient.builder(), server.endpoint());
    }

    /** An STS client for the server (AWS Query); the caller closes it. */
    public StsClient sts() {
        return client(StsClient.builder(), server.endpoint());
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public EcsdServer server() {
        return server;
    }

    /**
     * Wipes the default region's state through the server's own reset route, signed with the server's credentials
     * as it requires, at the server's time (virtual time in scenarios).
     */
    public void reset() {
        reset(REGION);
    }

    /** Wipes the state of one region, as {@link #reset()} does the default region's; the others stay. */
    public void reset(String region) {
        HttpResponse<String> response = new SignedRequests(endpoint()).scope(region, "ecsd")
                .sendSigned("POST", "/_ecsd/reset", Map.of(), new byte[0], server.store().now());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reset answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() {
        ecs.close();
        server.close();
        deleteQuietly(dataDirectory);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }
}
