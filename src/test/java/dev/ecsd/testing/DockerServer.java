package dev.ecsd.testing;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.server.EcsdServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One {@link TestServer} on the local Docker Engine for all the tests of a class, with a Docker client of its own,
 * the busybox test image and the instance id the server labels its containers with: started before the first test,
 * and after the last wiped, closed, and every container and volume of its instance removed. Register it as
 * {@code @RegisterExtension static final DockerServer server = new DockerServer();} on a class that is also
 * {@link RequiresDocker}: JUnit evaluates that condition before any before-all callback, so a class skipped for want
 * of Docker starts nothing. Unlike {@link SharedServer} it does not wipe state before each test: Docker tests clean
 * up their own containers, which a reset would leave running.
 */
public final class DockerServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    /** The cluster the tests run their tasks in, created before the first; null for tests that make their own. */
    private final String cluster;
    private TestServer server;
    /** The class whose tests the server serves; its @Nested classes share the server. */
    private String startedFor;
    private DockerRuntime docker;
    private String busybox;
    private String instanceId;
    /** The clients handed out so far, one of each type, closed with the server. */
    private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();
    private EcsTasks tasks;

    /** A server with no cluster: the tests make what they need. */
    public DockerServer() {
        this(null);
    }

    private DockerServer(String cluster) {
        this.cluster = cluster;
    }

    /**
     * A server with {@code cluster} created before the first test and an {@link EcsTasks} for it, whose tasks are
     * stopped after each test (after the test's own @AfterEach methods).
     */
    public static DockerServer withCluster(String cluster) {
        return new DockerServer(cluster);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server != null) {
            return;
        }
        startedFor = context.getUniqueId();
        server = TestServer.startWithDocker();
        instanceId = DockerCli.instanceIdOf(server.dataDirectory());
        docker = DockerRuntime.fromEnvironment();
        busybox = TestImages.busybox(docker);
        if (cluster != null) {
            server.ecs().createCluster(b -> b.clusterName(cluster));
            tasks = new EcsTasks(server.ecs(), cluster);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (tasks != null) {
            tasks.stopAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(startedFor)) {
            return;
        }
        try {
            try {
                closeClients();
            } finally {
                if (server != null) {
                    try {
                        server.reset();
                    } finally {
                        server.close();
                    }
                }
            }
        } finally {
            try {
                // what the server did not stop as it closed (a container it lost track of) must not outlive the class
                if (instanceId != null) {
                    DockerCli.removeEverythingOf(instanceId);
                }
            } finally {
                if (docker != null) {
                    docker.close();
                }
                server = null;
                tasks = null;
                startedFor = null;
                docker = null;
                busybox = null;
                instanceId = null;
            }
        }
    }

    private void closeClients() {
        try {
            for (SdkClient client : clients.values()) {
                client.close();
            }
        } finally {
            clients.clear();
        }
    }

    /** The ECS client of the server; the server closes it. */
    public EcsClient ecs() {
        return running().ecs();
    }

    /** A CloudWatch Logs client for the server, the same one for the whole class; closed with the server. */
    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, TestServer::logs);
    }

    /** An ELBv2 client for the server, the same one for the whole class; closed with the server. */
    public ElasticLoadBalancingV2Client elbv2() {
        return client(ElasticLoadBalancingV2Client.class, TestServer::elbv2);
    }

    /** An SSM client for the server, the same one for the whole class; closed with the server. */
    public SsmClient ssm() {
        return client(SsmClient.class, TestServer::ssm);
    }

    /** A Secrets Manager client for the server, the same one for the whole class; closed with the server. */
    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, TestServer::secretsManager);
    }

    private <C extends SdkClient> C client(Class<C> type, Function<TestServer, C> open) {
        TestServer running = running();
        return type.cast(clients.computeIfAbsent(type, t -> open.apply(running)));
    }

    /** The tasks of the cluster of {@link #withCluster(String)}. */
    public EcsTasks tasks() {
        running();
        if (tasks == null) {
            throw new IllegalStateException("a DockerServer has tasks only when made withCluster");
        }
        return tasks;
    }

    /** A client of the same Docker Engine as the server's, for looking at its containers beside the API. */
    public DockerRuntime docker() {
        running();
        return docker;
    }

    /** The busybox test image, built on the engine (images cannot be pulled here). */
    public String busybox() {
        running();
        return busybox;
    }

    /** The instance id the server labels its containers and volumes with. */
    public String instanceId() {
        running();
        return instanceId;
    }

    public URI endpoint() {
        return running().endpoint();
    }

    /** Wipes the default region's state now. */
    public void reset() {
        running().reset();
    }

    /** The server itself, for what tests look at beside the API: its store, its agent, its runtime. */
    public EcsdServer server() {
        return running().server();
    }

    private TestServer running() {
        if (server == null) {
            throw new IllegalStateException("the Docker server runs only from @BeforeAll to @AfterAll: register it "
                    + "with @RegisterExtension on a static field");
        }
        return server;
    }
}
