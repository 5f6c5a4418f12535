package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.ContainerRuntime.VolumeSpec;
import dev.ecsd.agent.runtime.ContainerSpec.Mount;
import dev.ecsd.agent.runtime.ContainerSpec.Network;
import dev.ecsd.agent.runtime.ContainerSpec.Port;
import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerOverride;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.LinuxParameters;
import dev.ecsd.model.MountPoint;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.Ulimit;
import dev.ecsd.model.Volume;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the runtime is asked to create for each container of a task. */
class ContainerSpecsTest {
    private static final String TASK_ID = "0123456789abcdef0123456789abcdef";
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:000000000000:task/c/" + TASK_ID;
    private static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/c";
    private static final String INSTANCE = "instance-1";
    private static final String PAUSE_ID = "pause-container-id";
    private static final long MIB = 1024L * 1024L;

    // labels and names

    @Test
    void containersCarryTheLabelsOfTheEcsAgentOverTheirOwnDockerLabels() {
        ContainerDefinition web = new Container("web").dockerLabels(Map.of("team", "a",
                ContainerSpecs.LABEL_CLUSTER, "forged")).build();

        ContainerSpec spec = spec(definition("bridge", web), web);

        assertThat(spec.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "team", "a",
                "com.amazonaws.ecs.cluster", CLUSTER_ARN,
                "com.amazonaws.ecs.task-arn", TASK_ARN,
                "com.amazonaws.ecs.container-name", "web",
                "com.amazonaws.ecs.task-definition-family", "app",
                "com.amazonaws.ecs.task-definition-version", "3",
                "dev.ecsd.instance", INSTANCE));
    }

    @Test
    void dockerNamesSayFamilyRevisionContainerAndTask() {
        ContainerDefinition web = new Container("web").build();
        TaskDefinition definition = definition("awsvpc", web);

        assertThat(spec(definition, web).name()).isEqualTo("ecs-app-3-web-" + TASK_ID);
        assertThat(ContainerSpecs.pause(task(definition), definition, "pause:1", INSTANCE).name())
                .isEqualTo("ecs-app-3-internalecspause-" + TASK_ID);
    }

    // networks and ports

    @Test
    void awsvpcContainersJoinThePauseContainerWhichPublishesEveryPortOnLoopback() {
        ContainerDefinition web = new Container("web").hostname("web.local")
                .ports(mapping(80, 80, null), mapping(53, null, "udp")).build();
        ContainerDefinition admin = new Container("admin").ports(mapping(9090, 9090, null)).build();
        TaskDefinition definition = definition("awsvpc", web, admin);

        ContainerSpec spec = spec(definition, web);
        ContainerSpec pause = ContainerSpecs.pause(task(definition), definition, "pause:1", INSTANCE);

        assertThat(spec.network()).isEqualTo(Network.joining(PAUSE_ID));
        assertThat(spec.ports()).isEmpty();
        assertThat(spec.hostname()).isNull(); // the namespace's, not the container's
        assertThat(pause.image()).isEqualTo("pause:1");
        assertThat(pause.network()).isEqualTo(Network.bridge());
        assertThat(pause.labels()).containsEntry(ContainerSpecs.LABEL_TASK_ARN, TASK_ARN)
                .containsEntry(ContainerSpecs.LABEL_CONTAINER_NAME, ContainerSpecs.PAUSE_CONTAINER_NAME);
        // a port the engine picks for each, so that many tasks can use one container port
        assertThat(pause.ports()).containsExactlyInAnyOrder(new Port(80, "tcp", "127.0.0.1", null),
                new Port(53, "udp", "127.0.0.1", null), new Port(9090, "tcp", "127.0.0.1", null));
    }

    @Test
    void theOnlyContainerOfAnAwsvpcTaskHoldsItsNetworkAndPublishesItsPortsAsThePauseContainerWould() {
        ContainerDefinition web = new Container("web").hostname("web.local")
                .ports(mapping(80, 80, null), mapping(53, null, "udp")).build();
        TaskDefinition definition = definition("awsvpc", web);

        ContainerSpec spec = ContainerSpecs.container(task(definition), definition, web, null, INSTANCE);

        assertThat(spec.network()).isEqualTo(Network.bridge());
        assertThat(spec.ports())
                .isEqualTo(ContainerSpecs.pause(task(definition), definition, "pause:1", INSTANCE).ports())
                .containsExactly(new Port(80, "tcp", "127.0.0.1", null), new Port(53, "udp", "127.0.0.1", null));
        assertThat(spec.hostname()).as("as in any awsvpc task").isNull();
        assertThat(spec.labels()).containsEntry(ContainerSpecs.LABEL_CONTAINER_NAME, "web");
    }

    @Test
    void bridgePortsAreFixedWhenGivenAndDynamicOtherwiseAlwaysOnLoopback() {
        ContainerDefinition web = new Container("web").hostname("web.local")
                .ports(mapping(80, 8080, null), mapping(443, 0, null), mapping(53, null, "udp")).build();

        ContainerSpec spec = spec(definition("bridge", web), web);

        assertThat(spec.network()).isEqualTo(Network.bridge());
        assertThat(spec.ports()).containsExactly(new Port(80, "tcp", "127.0.0.1", 8080),
                new Port(443, "tcp", "127.0.0.1", null), new Port(53, "udp", "127.0.0.1", null));
        assertThat(spec.hostname()).isEqualTo("web.local");
    }

    @Test
    void withoutANetworkModeLinuxTasksUseBridge() {
        ContainerDefinition web = new Container("web").ports(mapping(80, 8080, null)).build();

        assertThat(spec(definition(null, web), web).network()).isEqualTo(Network.bridge());
    }

    @Test
    void hostAndNoneModesPublishNothing() {
        ContainerDefinition web = new Container("web").ports(mapping(80, 80, null)).build();

        ContainerSpec host = spec(definition("host", web), web);
        ContainerSpec none = spec(definition("none", web), web);

        assertThat(host.network()).isEqualTo(Network.host());
        assertThat(host.ports()).isEmpty();
        assertThat(none.network()).isEqualTo(Network.none());
        assertThat(none.ports()).isEmpty();
    }

    // resources

    @Test
    void containerMemoryIsTheHardLimitAndMemoryReservationTheSoftOne() {
        ContainerDefinition web = new Container("web").memory(256).memoryReservation(128).build();

        ContainerSpec spec = spec(definition("awsvpc", web), web);

        assertThat(spec.memoryLimitBytes()).isEqualTo(256 * MIB);
        assertThat(spec.memoryReservationBytes()).isEqualTo(128 * MIB);
    }

    @Test
    void aContainerWithoutItsOwnLimitGetsTheTasksMemory() {
        ContainerDefinition reserved = new Container("reserved").memoryReservation(64).build();
        ContainerDefinition bare = new Container("bare").build();
        TaskDefinition definition = definition("awsvpc", reserved, bare);

        assertThat(spec(definition, reserved).memoryLimitBytes()).isEqualTo(512 * MIB);
        assertThat(spec(definition, reserved).memoryReservationBytes()).isEqualTo(64 * MIB);
        assertThat(spec(definition, bare).memoryLimitBytes()).isEqualTo(512 * MIB);
        assertThat(spec(definition, bare).memoryReservationBytes()).isNull();
    }

    @Test
    void withoutAnyMemoryAtAllThereIsNoLimit() {
        ContainerDefinition web = new Container("web").memoryReservation(64).build();
        TaskDefinition definition = definition("bridge", null, null, List.of(), web);

        assertThat(spec(definition, web).memoryLimitBytes()).isNull();
        assertThat(spec(definition, web).memoryReservationBytes()).isEqualTo(64 * MIB);
    }

    @Test
    void containerCpuIsCpuSharesWithTheKernelsMinimumOfTwo() {
        ContainerDefinition none = new Container("none").build();
        ContainerDefinition zero = new Container("zero").cpu(0).build();
        ContainerDefinition one = new Container("one").cpu(1).build();
        ContainerDefinition some = new Container("some").cpu(512).build();
        TaskDefinition definition = definition("bridge", null, null, List.of(), none, zero, one, some);

        assertThat(List.of(none, zero, one, some)).extracting(c -> spec(definition, c).cpuShares())
                .containsExactly(2, 2, 2, 512);
    }

    @Test
    void containersWithoutCpuShareTheTasksCpuAsTheirShares() {
        // as the ECS agent's task cgroup holds the task's cpu as its shares: the task keeps its reservation on a busy host
        ContainerDefinition none = new Container("none").build();
        ContainerDefinition zero = new Container("zero").cpu(0).build();
        ContainerDefinition some = new Container("some").cpu(512).build();
        TaskDefinition definition = definition("awsvpc", "1024", "2048", List.of(), none, zero, some);
        TaskDefinition alone = definition("awsvpc", new Container("alone").build());

        assertThat(List.of(none, zero, some)).extracting(c -> spec(definition, c).cpuShares())
                .containsExactly(512, 512, 512);
        assertThat(spec(alone, alone.containerDefinitions().getFirst()).cpuShares()).isEqualTo(256);
    }

    @Test
    void containerCpuAboveTheKernelsMaximumIsPassedAsTheMaximum() {
        ContainerDefinition huge = new Container("huge").cpu(300_000).memory(128).build();

        assertThat(spec(definition("bridge", null, null, List.of(), huge), huge).cpuShares()).isEqualTo(262_144);
    }

    @Test
    void taskCpuBecomesACpuQuotaOnEveryContainer() {
        ContainerDefinition web = new Container("web").cpu(128).build();

        assertThat(spec(definition("awsvpc", web), web).nanoCpus()).isEqualTo(250_000_000L); // 256 units = 1/4 CPU
        assertThat(spec(definition("awsvpc", "1024", "2048", List.of(), web), web).nanoCpus())
                .isEqualTo(1_000_000_000L);
        ContainerDefinition sized = new Container("sized").cpu(128).memory(128).build();
        assertThat(spec(definition("bridge", null, null, List.of(), sized), sized).nanoCpus()).isNull();
    }

    // health, limits, mounts and the rest

    @Test
    void aHealthCheckGetsEcsDefaults() {
        ContainerDefinition defaults = new Container("defaults")
                .healthCheck(new HealthCheck(List.of("CMD-SHELL", "curl -f http://localhost/"), null, null, null, null))
                .build();
        ContainerDefinition given = new Container("given")
                .healthCheck(new HealthCheck(List.of("CMD", "true"), 10, 2, 5, 60)).build();
        TaskDefinition definition = definition("awsvpc", defaults, given);

        assertThat(spec(definition, defaults).healthCheck()).isEqualTo(new ContainerSpec.HealthCheck(
                List.of("CMD-SHELL", "curl -f http://localhost/"), Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                Duration.ZERO));
        assertThat(spec(definition, given).healthCheck()).isEqualTo(new ContainerSpec.HealthCheck(
                List.of("CMD", "true"), Duration.ofSeconds(10), Duration.ofSeconds(2), 5, Duration.ofSeconds(60)));
        ContainerDefinition none = new Container("none").build();
        assertThat(spec(definition("awsvpc", none), none).healthCheck()).isNull();
    }

    @Test
    void ulimitsArePassedOn() {
        ContainerDefinition web = new Container("web")
                .ulimits(new Ulimit("nofile", 1024, 4096), new Ulimit("nproc", 64, 64)).build();

        assertThat(spec(definition("awsvpc", web), web).ulimits()).containsExactly(
                new ContainerSpec.Ulimit("nofile", 1024, 4096), new ContainerSpec.Ulimit("nproc", 64, 64));
    }

    @Test
    void hostVolumesAreBindMountsAndOthersAreDockerVolumesScopedToTheTaskUnlessShared() {
        ContainerDefinition web = new Container("web").mounts(
                new MountPoint("logs", "/var/log/app", null),
                new MountPoint("scratch", "/tmp/scratch", false),
                new MountPoint("cache", "/cache", true),
                new MountPoint("shared", "/shared", null),
                new MountPoint("undeclared", "/nowhere", null)).build();
        List<Volume> volumes = List.of(
                new Volume("logs", new Volume.HostVolume("/srv/logs"), null, Map.of()),
                new Volume("scratch", null, null, Map.of()),
                new Volume("cache", null, new Volume.DockerVolumeConfiguration("task", true, "local",
                        Map.of("type", "tmpfs"), Map.of("purpose", "cache")), Map.of()),
                new Volume("shared", null, new Volume.DockerVolumeConfiguration("shared", true, null, null, null),
                        Map.of()));
        TaskDefinition definition = definition("bridge", "256", "512", volumes, web);

        assertThat(spec(definition, web).mounts()).containsExactly(
                new Mount(Mount.Type.BIND, "/srv/logs", "/var/log/app", false),
                new Mount(Mount.Type.VOLUME, "ecs-" + TASK_ID + "-scratch", "/tmp/scratch", false),
                new Mount(Mount.Type.VOLUME, "ecs-" + TASK_ID + "-cache", "/cache", true),
                new Mount(Mount.Type.VOLUME, "shared", "/shared", false));
        Map<String, String> taskLabels = Map.of(ContainerSpecs.LABEL_TASK_ARN, TASK_ARN,
                ContainerSpecs.LABEL_INSTANCE, INSTANCE);
        Map<String, String> cacheLabels = new LinkedHashMap<>(taskLabels);
        cacheLabels.put("purpose", "cache");
        assertThat(ContainerSpecs.volumes(task(definition), definition, INSTANCE)).containsExactly(
                new VolumeSpec("ecs-" + TASK_ID + "-scratch", null, null, taskLabels),
                new VolumeSpec("ecs-" + TASK_ID + "-cache", "local", Map.of("type", "tmpfs"), cacheLabels),
                new VolumeSpec("shared", null, null, Map.of()));
        assertThat(ContainerSpecs.taskScopedVolumes(task(definition), definition))
                .containsExactly("ecs-" + TASK_ID + "-scratch", "ecs-" + TASK_ID + "-cache");
    }

    @Test
    void initProcessReadOnlyRootUserWorkingDirectoryAndEntryPointArePassedOn() {
        ContainerDefinition web = new Container("web").init(true).readonlyRootFilesystem(true).user("1000:1000")
                .workingDirectory("/srv").entryPoint("/bin/sh", "-c").command("exec app").build();

        ContainerSpec spec = spec(definition("awsvpc", web), web);

        assertThat(spec.initProcess()).isTrue();
        assertThat(spec.readonlyRootFilesystem()).isTrue();
        assertThat(spec.user()).isEqualTo("1000:1000");
        assertThat(spec.workingDirectory()).isEqualTo("/srv");
        assertThat(spec.entryPoint()).containsExactly("/bin/sh", "-c");
        assertThat(spec.command()).containsExactly("exec app");
        assertThat(spec.image()).isEqualTo("example/web:1");
        ContainerDefinition plain = new Container("plain").build();
        assertThat(spec(definition("awsvpc", plain), plain).initProcess()).isFalse();
        assertThat(spec(definition("awsvpc", plain), plain).readonlyRootFilesystem()).isFalse();
    }

    @Test
    void theStopTimeoutIsTheContainersOrThirtySeconds() {
        ContainerDefinition quick = new Container("quick").stopTimeout(5).build();
        ContainerDefinition plain = new Container("plain").build();
        TaskDefinition definition = definition("awsvpc", quick, plain);

        assertThat(spec(definition, quick).stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec(definition, plain).stopTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    // overrides

    @Test
    void runTaskOverridesReplaceCommandCpuAndMemoryAndAddToTheEnvironment() {
        ContainerDefinition web = new Container("web").cpu(128).memory(256).memoryReservation(128)
                .command("serve").environment(env("MODE", "prod"), env("REGION", "eu")).build();
        ContainerDefinition other = new Container("other").command("idle").build();
        TaskDefinition definition = definition("awsvpc", web, other);
        TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride("web", List.of("serve", "--debug"),
                List.of(env("MODE", "test"), env("EXTRA", "1")), 512, 1024, 512, Map.of())), "1024", "2048", null,
                null, Map.of());
        Task task = task(definition).toBuilder().overrides(overrides).cpu("1024").memory("2048").build();

        ContainerSpec spec = ContainerSpecs.container(task, definition, web, pauseOf(definition), INSTANCE);

        assertThat(spec.command()).containsExactly("serve", "--debug");
        assertThat(spec.environment()).containsExactlyInAnyOrderEntriesOf(
                Map.of("MODE", "test", "REGION", "eu", "EXTRA", "1"));
        assertThat(spec.cpuShares()).isEqualTo(512);
        assertThat(spec.memoryLimitBytes()).isEqualTo(1024 * MIB);
        assertThat(spec.memoryReservationBytes()).isEqualTo(512 * MIB);
        assertThat(spec.nanoCpus()).isEqualTo(1_000_000_000L);
        // a container without an override keeps its definition, under the task's new size
        ContainerSpec untouched = ContainerSpecs.container(task, definition, other, pauseOf(definition), INSTANCE);
        assertThat(untouched.command()).containsExactly("idle");
        assertThat(untouched.memoryLimitBytes()).isEqualTo(2048 * MIB);
    }

    // secrets and what Fargate sets

    @Test
    void resolvedSecretsJoinTheirContainersEnvironmentAndWinOverAPlainVariable() {
        ContainerDefinition web = new Container("web").environment(env("MODE", "prod"), env("API_KEY", "plain"))
                .build();
        ContainerDefinition other = new Container("other").build();
        TaskDefinition definition = definition("awsvpc", web, other);

        ContainerSpec spec = ContainerSpecs.container(task(definition), definition, web, pauseOf(definition), INSTANCE,
                Map.of("API_KEY", "abc123", "DB_PASSWORD", "s3cr3t"));

        assertThat(spec.environment()).containsExactlyInAnyOrderEntriesOf(
                Map.of("MODE", "prod", "API_KEY", "abc123", "DB_PASSWORD", "s3cr3t"));
        assertThat(spec(definition, other).environment()).isEmpty();
        assertThat(spec.toString()).contains("DB_PASSWORD").doesNotContain("s3cr3t", "abc123");
    }

    @Test
    void everyContainerOfAFargateTaskKnowsItsRegionAndExecutionEnvironment() {
        ContainerDefinition web = new Container("web").environment(env("AWS_REGION", "mine")).build();
        TaskDefinition definition = definition("awsvpc", web);
        Task fargate = task(definition).toBuilder().launchType("FARGATE").build();

        ContainerSpec spec = ContainerSpecs.container(fargate, definition, web, pauseOf(definition), INSTANCE);

        assertThat(spec.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("AWS_REGION", "mine",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_EXECUTION_ENV", "AWS_ECS_FARGATE"));
        assertThat(spec(definition, web).environment()).doesNotContainKey("AWS_EXECUTION_ENV");
    }

    // fixtures

    private static ContainerSpec spec(TaskDefinition definition, ContainerDefinition container) {
        return ContainerSpecs.container(task(definition), definition, container, pauseOf(definition), INSTANCE);
    }

    private static TaskDefinition definition(String networkMode, ContainerDefinition... containers) {
        return definition(networkMode, "256", "512", List.of(), containers);
    }

    private static TaskDefinition definition(String networkMode, String cpu, String memory, List<Volume> volumes,
            ContainerDefinition... containers) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/app:3", "app", 3,
                TaskDefinitionStatus.ACTIVE, List.of(containers), null, null, networkMode, volumes, List.of(), null,
                List.of("EC2"), List.of(), cpu, memory, null, null, Instant.EPOCH, null, null, null, List.of(), Map.of());
    }

    private static Task task(TaskDefinition definition) {
        return new Task.Builder()
                .taskArn(TASK_ARN)
                .clusterArn(CLUSTER_ARN)
                .taskDefinitionArn(definition.taskDefinitionArn())
                .lastStatus(TaskStatus.ACTIVATING)
                .desiredStatus(DesiredStatus.RUNNING)
                .cpu(definition.cpu())
                .memory(definition.memory())
                .overrides(TaskOverride.none())
                .build();
    }

    private static String pauseOf(TaskDefinition definition) {
        return "awsvpc".equals(definition.networkMode()) ? PAUSE_ID : null;
    }

    private static PortMapping mapping(int containerPort, Integer hostPort, String protocol) {
        return new PortMapping(containerPort, hostPort, protocol, null, null, Map.of());
    }

    private static KeyValuePair env(String name, String value) {
        return new KeyValuePair(name, value);
    }

    /** A container definition with only what a test sets. */
    private static final class Container {
        private final String name;
        private Integer cpu;
        private Integer memory;
        private Integer memoryReservation;
        private List<PortMapping> ports = List.of();
        private List<String> entryPoint;
        private List<String> command;
        private List<KeyValuePair> environment = List.of();
        private List<MountPoint> mounts = List.of();
        private LinuxParameters linuxParameters;
        private Integer stopTimeout;
        private String hostname;
        private String user;
        private String workingDirectory;
        private Boolean readonlyRootFilesystem;
        private Map<String, String> dockerLabels;
        private List<Ulimit> ulimits;
        private HealthCheck healthCheck;

        Container(String name) {
            this.name = name;
        }

        Container cpu(int value) { cpu = value; return this; }
        Container memory(int value) { memory = value; return this; }
        Container memoryReservation(int value) { memoryReservation = value; return this; }
        Container ports(PortMapping... value) { ports = List.of(value); return this; }
        Container entryPoint(String... value) { entryPoint = List.of(value); return this; }
        Container command(String... value) { command = List.of(value); return this; }
        Container environment(KeyValuePair... value) { environment = List.of(value); return this; }
        Container mounts(MountPoint... value) { mounts = new ArrayList<>(List.of(value)); return this; }
        Container init(boolean value) { linuxParameters = new LinuxParameters(value, Map.of()); return this; }
        Container stopTimeout(int value) { stopTimeout = value; return this; }
        Container hostname(String value) { hostname = value; return this; }
        Container user(String value) { user = value; return this; }
        Container workingDirectory(String value) { workingDirectory = value; return this; }
        Container readonlyRootFilesystem(boolean value) { readonlyRootFilesystem = value; return this; }
        Container dockerLabels(Map<String, String> value) { dockerLabels = value; return this; }
        Container ulimits(Ulimit... value) { ulimits = List.of(value); return this; }
        Container healthCheck(HealthCheck value) { healthCheck = value; return this; }

        ContainerDefinition build() {
            return new ContainerDefinition(name, "example/" + name + ":1", cpu, memory, memoryReservation, ports, true,
                    entryPoint, command, environment, mounts, List.of(), linuxParameters, null, null, null, stopTimeout,
                    hostname, user, workingDirectory, readonlyRootFilesystem, dockerLabels, ulimits, null, healthCheck,
                    List.of(), Map.of());
        }
    }
}
