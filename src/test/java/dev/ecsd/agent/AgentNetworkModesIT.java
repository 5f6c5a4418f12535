package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.control.StoreAgentChannel;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.LogConfiguration;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.MemoryLogSink;
import dev.ecsd.testing.RealTime;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge, host and none network modes, which RunTask cannot reach yet (FARGATE requires awsvpc and EC2 capacity
 * comes later): a {@link LocalAgent} on a real Docker Engine is given task records written straight into its store,
 * as {@code TaskLaunch} would write them.
 */
@RequiresDocker
class AgentNetworkModesIT {
    private static final String AGENT_ID = "agent-network-modes-it";
    private static final Arns ARNS = new Arns("us-east-1", "000000000000");
    private static final String CLUSTER = "network-modes";

    private static final String INSTANCE_ID = "agent-it-" + UUID.randomUUID();
    private static StateStore store;
    private static DockerRuntime runtime;
    private static LocalAgent agent;
    private static String image;
    private static final MemoryLogSink LOGS = new MemoryLogSink();
    private static int revisions;

    @BeforeAll
    static void startAgent() {
        store = StateStore.open(new MemoryBackend(), InstantSource.system());
        runtime = DockerRuntime.fromEnvironment();
        image = TestImages.busybox(runtime);
        agent = new LocalAgent(AGENT_ID, INSTANCE_ID, new StoreAgentChannel(store), runtime, LOGS, RealTime.TIMER);
        agent.start();
    }

    @AfterAll
    static void stopAgent() {
        try {
            if (agent != null) {
                agent.resetWith(() -> { });
                agent.close();
            }
            if (runtime != null) {
                runtime.close();
            }
            if (store != null) {
                store.close();
            }
        } finally {
            DockerCli.removeEverythingOf(INSTANCE_ID);
        }
    }

    @Test
    void bridgeModePublishesADynamicHostPortOn127001() throws Exception {
        Task task = launch("bridge", httpd("web", 8080, 0, "dynamic port"));

        Task running = awaitTask(task, "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);
        NetworkBinding binding = onlyBinding(running, "web");

        assertThat(binding.bindIP()).isEqualTo("127.0.0.1");
        assertThat(binding.containerPort()).isEqualTo(8080);
        assertThat(binding.hostPort()).isPositive();
        assertThat(LocalHttp.awaitBody(binding.hostPort(), EcsTasks.PATIENCE)).isEqualTo("dynamic port\n");
        assertThat(DockerCli.inspect(runtimeId(running, "web")).path("HostConfig").path("NetworkMode").asText())
                .isEqualTo("bridge");
        assertThat(onTheEngine(running)).as("no pause container outside awsvpc").containsExactly("web");
        stop(running);
    }

    @Test
    void bridgeModeBindsAFixedHostPortAsGiven() throws Exception {
        int hostPort = freePort();
        Task task = launch("bridge", httpd("web", 8080, hostPort, "fixed port"));

        Task running = awaitTask(task, "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);
        NetworkBinding binding = onlyBinding(running, "web");

        assertThat(binding.bindIP()).isEqualTo("127.0.0.1");
        assertThat(binding.hostPort()).isEqualTo(hostPort);
        assertThat(LocalHttp.awaitBody(hostPort, EcsTasks.PATIENCE)).isEqualTo("fixed port\n");
        stop(running);
    }

    @Test
    void hostModeSharesTheHostNetwork() throws Exception {
        int port = freePort();
        ContainerDefinition web = container("web", List.of("sh", "-c", "echo host network > /var/www/index.html; "
                + "exec httpd -f -p 127.0.0.1:" + port + " -h /var/www"), mapping(port, port), null);
        Task task = launch("host", web);

        Task running = awaitTask(task, "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);

        assertThat(onlyBinding(running, "web")).isEqualTo(new NetworkBinding("0.0.0.0", port, port, "tcp"));
        assertThat(LocalHttp.awaitBody(port, EcsTasks.PATIENCE))
                .as("a server in the container listens on the host's own loopback").isEqualTo("host network\n");
        assertThat(DockerCli.inspect(runtimeId(running, "web")).path("HostConfig").path("NetworkMode").asText())
                .isEqualTo("host");
        assertThat(onTheEngine(running)).as("no pause container outside awsvpc").containsExactly("web");
        stop(running);
    }

    @Test
    void noneModeHasOnlyALoopbackInterface() {
        String group = "/agent-it/none";
        ContainerDefinition isolated = container("isolated", List.of("sh", "-c", "ls /sys/class/net"),
                null, new LogConfiguration("awslogs", Map.of("awslogs-group", group, "awslogs-stream-prefix", "it"),
                        null));
        Task task = launch("none", isolated);
        Task started = awaitTask(task, "started", t -> runtimeId(t, "isolated") != null);
        assertThat(onTheEngine(started)).as("no pause container outside awsvpc").containsExactly("isolated");

        Task stopped = awaitTask(task, "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);

        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.EssentialContainerExited);
        assertThat(stopped.container("isolated").orElseThrow().exitCode()).isZero();
        assertThat(stopped.container("isolated").orElseThrow().networkBindings()).isEmpty();
        assertThat(LOGS.messages(group, "it/isolated/" + stopped.taskId()))
                .as("the network interfaces the container sees").containsExactly("lo");
    }

    // ---- task records, as TaskLaunch writes them ----

    private static Task launch(String networkMode, ContainerDefinition... containers) {
        int revision = ++revisions;
        TaskDefinition definition = new TaskDefinition(ARNS.taskDefinition(networkMode, revision), networkMode, revision,
                TaskDefinitionStatus.ACTIVE, List.of(containers), null, null, networkMode, List.of(), List.of(),
                List.of("EC2"), List.of("EC2"), List.of(), null, "256", null, null, store.now(), null, null, null,
                List.of(), Map.of());
        String taskId = HexFormat.of().formatHex(uuidBytes());
        List<TaskContainer> taskContainers = new ArrayList<>();
        for (ContainerDefinition container : containers) {
            taskContainers.add(new TaskContainer(ARNS.ecsContainer(CLUSTER, taskId, UUID.randomUUID().toString()),
                    container.name(), container.image(), null, ContainerStatus.PENDING, null, null, List.of(),
                    HealthStatus.UNKNOWN, container.isEssential(), "0", null, null, null, null));
        }
        Task task = new Task.Builder()
                .taskArn(ARNS.task(CLUSTER, taskId))
                .clusterArn(ARNS.cluster(CLUSTER))
                .taskDefinitionArn(definition.taskDefinitionArn())
                .agentId(AGENT_ID)
                .launchType("EC2")
                .lastStatus(TaskStatus.PROVISIONING)
                .desiredStatus(DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .version(0)
                .group("family:" + definition.family())
                .memory("256")
                .containers(taskContainers)
                .attachments(List.of())
                .createdAt(store.now())
                .build();
        store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION, definition);
            return tx.put(Kind.TASK, task);
        });
        return task;
    }

    private static byte[] uuidBytes() {
        UUID id = UUID.randomUUID();
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (id.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (id.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static ContainerDefinition httpd(String name, int containerPort, int hostPort, String body) {
        return container(name, List.of("sh", "-c", "echo " + body + " > /var/www/index.html; exec httpd -f -p "
                + containerPort + " -h /var/www"), mapping(containerPort, hostPort), null);
    }

    private static PortMapping mapping(int containerPort, int hostPort) {
        return new PortMapping(containerPort, hostPort, "tcp", null, null, Map.of());
    }

    private static ContainerDefinition container(String name, List<String> command, PortMapping port,
            LogConfiguration logging) {
        return new ContainerDefinition(name, image, null, 64, null, port == null ? List.of() : List.of(port), true,
                null, command, List.of(), List.of(), List.of(), null, null, null, null, 2, null, null, null, null,
                null, null, logging, null, List.of(), Map.of());
    }

    private static Task awaitTask(Task task, String what, Predicate<Task> condition) {
        return await("task " + task.taskId() + " to be " + what).atMost(EcsTasks.PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow(), condition);
    }

    private static void stop(Task task) {
        store.write(tx -> tx.put(Kind.TASK, tx.find(Kind.TASK, task.taskArn()).orElseThrow().toBuilder()
                .desiredStatus(DesiredStatus.STOPPED).stopCode(TaskStopCode.UserInitiated)
                .stoppedReason("Task stopped by user").stoppingAt(tx.now()).build()));
        awaitTask(task, "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);
        assertThat(DockerCli.containerIds("com.amazonaws.ecs.task-arn", task.taskArn())).isEmpty();
    }

    private static NetworkBinding onlyBinding(Task task, String container) {
        List<NetworkBinding> bindings = task.container(container).orElseThrow().networkBindings();
        assertThat(bindings).as("networkBindings of " + container).hasSize(1);
        return bindings.getFirst();
    }

    /** The container names of the task's containers on the engine, as their labels say. */
    private static List<String> onTheEngine(Task task) {
        return runtime.listContainers(Map.of(ContainerSpecs.LABEL_TASK_ARN, task.taskArn())).stream()
                .map(c -> c.labels().get(ContainerSpecs.LABEL_CONTAINER_NAME)).toList();
    }

    private static String runtimeId(Task task, String container) {
        return task.container(container).orElseThrow().runtimeId();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
