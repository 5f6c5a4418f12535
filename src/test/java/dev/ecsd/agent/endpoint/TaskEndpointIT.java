package dev.ecsd.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.SimulatedBehaviour;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.TemporaryCredentials;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RealTime;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The task endpoint over HTTP on 127.0.0.1, without Docker: a server on the simulated runtime gives a task's containers
 * the endpoint's variables and answers their metadata; credentials go only to a caller at an address of the task.
 */
class TaskEndpointIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/app";
    private static final Map<String, Map<String, String>> ENVIRONMENTS = new ConcurrentHashMap<>();

    private static TestServer server;
    private static EcsTasks tasks;
    private static int port;

    @BeforeAll
    static void startServer() {
        SimulatedRuntime runtime = new SimulatedRuntime(RealTime.TIMER).when(spec -> {
            ENVIRONMENTS.put(spec.labels().getOrDefault(ContainerSpecs.LABEL_CONTAINER_NAME, ""), spec.environment());
            return false; // only watches: every container behaves as by default
        }, SimulatedBehaviour.runsForever());
        server = TestServer.start(RealTime.TIMER, runtime);
        port = server.server().agent().taskEndpointPort();
        server.ecs().createCluster(b -> b.clusterName("endpoint"));
        tasks = new EcsTasks(server.ecs(), "endpoint");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aContainerGetsTheEndpointsVariablesAndItsMetadata() throws Exception {
        String taskArn = tasks.run(tasks.register("meta", b -> b.taskRoleArn(ROLE),
                ContainerDefinition.builder().name("meta-main").image("busybox").essential(true).build()));
        String dockerId = tasks.awaitStatus(taskArn, "RUNNING").containers().getFirst().runtimeId();
        Map<String, String> environment = ENVIRONMENTS.get("meta-main");
        assertThat(port).isPositive();
        assertThat(environment.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")).matches("/v2/credentials/[0-9a-f-]{36}");
        String v4 = environment.get("ECS_CONTAINER_METADATA_URI_V4");
        assertThat(v4).startsWith("http://169.254.170.2/v4/");
        assertThat(environment.get("ECS_CONTAINER_METADATA_URI")).startsWith("http://169.254.170.2/v3/");
        String path = v4.substring("http://169.254.170.2".length());

        JsonNode container = JSON.readTree(get("127.0.0.1", path).body());
        JsonNode task = JSON.readTree(get("127.0.0.1", path + "/task").body());
        JsonNode stats = JSON.readTree(get("127.0.0.1", path + "/stats").body());
        JsonNode taskStats = JSON.readTree(get("127.0.0.1", path + "/task/stats").body());

        assertThat(container.path("Name").asText()).isEqualTo("meta-main");
        assertThat(container.path("DockerId").asText()).isEqualTo(dockerId);
        assertThat(container.path("Networks").path(0).path("NetworkMode").asText()).isEqualTo("awsvpc");
        assertThat(task.path("TaskARN").asText()).isEqualTo(taskArn);
        assertThat(task.path("Family").asText()).isEqualTo("meta");
        assertThat(task.path("LaunchType").asText()).isEqualTo("FARGATE");
        assertThat(task.path("Containers").findValuesAsText("DockerId")).containsExactly(dockerId);
        assertThat(stats.has("memory_stats")).isTrue();
        assertThat(taskStats.has(dockerId)).isTrue();

        // the listener is not at an address of this awsvpc task: it refuses as for an unknown id
        Response credentials = get("127.0.0.1", environment.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
        assertThat(credentials.status()).isEqualTo(400);
        assertThat(JSON.readTree(credentials.body()).path("code").asText()).isEqualTo("InvalidIdInRequest");
        assertThat(get("127.0.0.1", "/v4/not-an-id/task").status()).isEqualTo(404);
        assertThat(get("127.0.0.1", "/v2/credentials/not-an-id").status()).isEqualTo(400);
    }

    @Test
    void credentialsGoOnlyToTheTasksAddress() throws Exception {
        TaskAssignment assignment = EndpointFixtures.assignment(EndpointFixtures.definition("awsvpc"));
        ContainerObservation network = new ContainerObservation("docker-pause", "pause",
                Map.of(ContainerSpecs.LABEL_TASK_ARN, assignment.taskArn()), ContainerObservation.State.RUNNING, null,
                false, ContainerObservation.Health.NONE, null, null, List.of(), "127.0.0.2", null);
        Instant expiration = Instant.now().plusSeconds(3600);
        TaskEndpoint endpoint = new TaskEndpoint(0, new TaskEndpointRoutes(new EndpointDirectory() {
            @Override
            public Optional<TaskAssignment> byCredentialsId(String credentialsId) {
                return Optional.of(assignment).filter(a -> credentialsId.equals(a.endpoint().credentialsId()));
            }

            @Override
            public Optional<MetadataOwner> byMetadataId(String metadataId) {
                return Optional.empty();
            }

            @Override
            public Optional<TemporaryCredentials> credentials(String taskArn) {
                return Optional.of(new TemporaryCredentials("ASIAEXAMPLEEXAMPLE00", "secret", "token", expiration,
                        new SessionClaims(ROLE, "task", taskArn, expiration)));
            }

            @Override
            public TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes) {
                return TaskProtectionState.of(taskArn, null);
            }

            @Override
            public List<ContainerObservation> containers(String taskArn) {
                return List.of(network);
            }

            @Override
            public Optional<String> statsJson(String runtimeId) {
                return Optional.empty();
            }
        }));
        endpoint.start();
        try {
            int listener = endpoint.port();
            String path = "/v2/credentials/" + EndpointFixtures.CREDENTIALS_ID;

            Response fromTask = get("127.0.0.2", listener, path);
            Response fromElsewhere = get("127.0.0.1", listener, path);

            assertThat(fromTask.status()).isEqualTo(200);
            assertThat(JSON.readTree(fromTask.body()).path("AccessKeyId").asText()).isEqualTo("ASIAEXAMPLEEXAMPLE00");
            assertThat(JSON.readTree(fromTask.body()).path("RoleArn").asText()).isEqualTo(ROLE);
            assertThat(fromElsewhere.status()).isEqualTo(400);
            assertThat(fromElsewhere.body()).doesNotContain("ASIA");
        } finally {
            endpoint.close();
        }
    }

    private record Response(int status, String body) {
    }

    private static Response get(String from, String path) throws IOException {
        return get(from, port, path);
    }

    /** A GET to the listener from the local address {@code from} (any of 127/8 is this host's). */
    private static Response get(String from, int listener, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", listener), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 169.254.170.2\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            return new Response(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
