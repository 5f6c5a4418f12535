package dev.ecsd.testing;

import dev.ecsd.registry.ImageStorage;
import dev.ecsd.server.EcsdServer;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One {@link TestServer} for all the tests of a class: started before the first, wiped through its reset route
 * before each, closed after the last. Register it as
 * {@code @RegisterExtension static final SharedServer server = SharedServer.simulated();}; the clients it hands
 * out exist from the first test on, so a test class may keep them in instance fields.
 */
public final class SharedServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Supplier<TestServer> start;
    private TestServer server;
    /** The class whose tests the server serves; its @Nested classes share the server. */
    private String startedFor;
    private CloudWatchLogsClient logs;
    private ElasticLoadBalancingV2Client elbv2;
    private CloudWatchClient cloudWatch;
    private SsmClient ssm;
    private SecretsManagerClient secretsManager;
    private StsClient sts;
    private EcrClient ecr;

    private SharedServer(Supplier<TestServer> start) {
        this.start = start;
    }

    /** A server whose tasks run on the simulated runtime, in real time. */
    public static SharedServer simulated() {
        return new SharedServer(TestServer::start);
    }

    /** A server on the simulated runtime whose images {@code images} holds. */
    public static SharedServer withImages(ImageStorage images) {
        return new SharedServer(() -> TestServer.startWithImages(images));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = start.get();
            startedFor = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(startedFor)) {
            return;
        }
        try {
            if (logs != null) {
                logs.close();
            }
            if (elbv2 != null) {
                elbv2.close();
            }
            if (cloudWatch != null) {
                cloudWatch.close();
            }
            if (ssm != null) {
                ssm.close();
            }
            if (secretsManager != null) {
                secretsManager.close();
            }
            if (sts != null) {
                sts.close();
            }
            if (ecr != null) {
                ecr.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            logs = null;
            elbv2 = null;
            cloudWatch = null;
            ssm = null;
            secretsManager = null;
            sts = null;
            ecr = null;
            server = null;
            startedFor = null;
        }
    }

    /** The ECS client of the server; the server closes it. */
    public EcsClient ecs() {
        return running().ecs();
    }

    /** A CloudWatch Logs client for the server, the same one for the whole class; closed with the server. */
    public CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = running().logs();
        }
        return logs;
    }

    /** An ELBv2 client for the server, the same one for the whole class; closed with the server. */
    public ElasticLoadBalancingV2Client elbv2() {
        if (elbv2 == null) {
            elbv2 = running().elbv2();
        }
        return elbv2;
    }

    /** A CloudWatch client (RPC v2 CBOR) for the server, the same one for the whole class; closed with the server. */
    public CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = running().cloudWatch();
        }
        return cloudWatch;
    }

    /** An SSM client for the server, the same one for the whole class; closed with the server. */
    public SsmClient ssm() {
        if (ssm == null) {
            ssm = running().ssm();
        }
        return ssm;
    }

    /** A Secrets Manager client for the server, the same one for the whole class; closed with the server. */
    public SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = running().secretsManager();
        }
        return secretsManager;
    }

    /** An STS client for the server, the same one for the whole class; closed with the server. */
    public StsClient sts() {
        if (sts == null) {
            sts = running().sts();
        }
        return sts;
    }

    /** An ECR client for the server, the same one for the whole class; closed with the server. */
    public EcrClient ecr() {
        if (ecr == null) {
            ecr = running().ecr();
        }
        return ecr;
    }

    public URI endpoint() {
        return running().endpoint();
    }

    /** Wipes all state now, as happens before each test; for tests of the reset itself. */
    public void reset() {
        running().reset();
    }

    /** Wipes one region's state (only the default region's is wiped before each test). */
    public void reset(String region) {
        running().reset(region);
    }

    /** The server itself, for what tests look at beside the API: its store, its agent, its runtime. */
    public EcsdServer server() {
        return running().server();
    }

    private TestServer running() {
        if (server == null) {
            throw new IllegalStateException("the shared server runs only from @BeforeAll to @AfterAll: register it "
                    + "with @RegisterExtension on a static field");
        }
        return server;
    }
}
