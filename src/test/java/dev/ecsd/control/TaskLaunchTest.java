package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerOverride;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.Tag;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The checks before a launch, where each task goes, and the new task record, without a server. */
class TaskLaunchTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Arns ARNS = new Arns("us-east-1", "000000000000");
    private static final String NO_INSTANCES = "No Container Instances were found in your cluster.";
    private static final NetworkConfiguration AWSVPC = new NetworkConfiguration(
            new NetworkConfiguration.AwsVpcConfiguration(List.of("subnet-1", "subnet-2"), List.of("sg-1"), null));

    private final AtomicLong nextId = new AtomicLong(1);
    private final TaskLaunch launch = new TaskLaunch(ARNS, () -> new UUID(0xabcL, nextId.getAndIncrement()),
            new java.util.SplittableRandom(1));
    private final StateStore store = StateStore.open(new MemoryBackend(), InstantSource.fixed(NOW));
    private final TaskDefinition fargate = definition("awsvpc", List.of("EC2", "FARGATE"),
            container("web", 128, 256), container("sidecar", null, null));

    // which definitions can run

    @Test
    void onlyActiveRevisionsRunNewTasks() {
        assertThat(TaskLaunch.requireRunnable(fargate)).isSameAs(fargate);
        assertRefused(() -> TaskLaunch.requireRunnable(fargate.withStatus(TaskDefinitionStatus.INACTIVE, NOW, null)),
                "TaskDefinition is inactive");
        assertThatThrownBy(() -> TaskLaunch.requireRunnable(
                fargate.withStatus(TaskDefinitionStatus.DELETE_IN_PROGRESS, NOW, NOW)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER));
    }

    // capacity

    @Test
    void theFargateLaunchTypePutsEveryTaskOnFargate() {
        assertThat(launch.capacityFor(Snapshot.empty(), cluster(List.of(), List.of()), fargate, "FARGATE", List.of(),
                "family:app", 3)).containsExactly("FARGATE", "FARGATE", "FARGATE");
    }

    @Test
    void otherLaunchTypesAndNothingAtAllHaveNoCapacity() {
        Cluster bare = cluster(List.of(), List.of());

        assertRefused(() -> launch.capacityFor(Snapshot.empty(), bare, fargate, "EC2", List.of(), "g", 1), NO_INSTANCES);
        assertRefused(() -> launch.capacityFor(Snapshot.empty(), bare, fargate, "EXTERNAL", List.of(), "g", 1),
                NO_INSTANCES);
        assertRefused(() -> launch.capacityFor(Snapshot.empty(), bare, fargate, null, List.of(), "g", 1), NO_INSTANCES);
    }

    @Test
    void theStrategyGivenWinsOverTheClusterDefault() {
        Cluster cluster = cluster(List.of("FARGATE", "FARGATE_SPOT"), List.of(item("FARGATE", 1, 0)));

        assertThat(launch.capacityFor(Snapshot.empty(), cluster, fargate, null, List.of(item("FARGATE_SPOT", 1, 0)),
                "g", 2)).containsExactly("FARGATE_SPOT", "FARGATE_SPOT");
        assertThat(launch.capacityFor(Snapshot.empty(), cluster, fargate, null, List.of(), "g", 2))
                .containsExactly("FARGATE", "FARGATE");
    }

    @Test
    void providersMustBeTheClustersAndSomeWeightAboveZero() {
        Cluster fargateOnly = cluster(List.of("FARGATE"), List.of(item("FARGATE", 0, 1)));

        assertThatThrownBy(() -> launch.capacityFor(Snapshot.empty(), fargateOnly, fargate, null,
                List.of(item("FARGATE_SPOT", 1, 0)), "g", 1))
                .hasMessageContaining("not associated with the cluster");
        assertThatThrownBy(() -> launch.capacityFor(Snapshot.empty(), fargateOnly, fargate, null,
                List.of(item("FARGATE", 0, 0)), "g", 1))
                .hasMessageContaining("at least one capacity provider with a weight greater than zero");
        assertThatThrownBy(() -> launch.capacityFor(Snapshot.empty(), fargateOnly, fargate, null, List.of(), "g", 1))
                .hasMessageStartingWith("There are no capacity providers with a weight value greater than zero "
                        + "defined in the default capacity provider strategy.");
    }

    @Test
    void aDefinitionThatIsNotFargateCompatibleIsRefusedWhicheverWayFargateIsAskedFor() {
        TaskDefinition ec2Only = definition("bridge", List.of("EC2"), container("web", 128, 256));
        Cluster cluster = cluster(List.of("FARGATE"), List.of(item("FARGATE", 1, 0)));
        String message = "Task definition does not support launch_type FARGATE.";

        assertRefused(() -> launch.capacityFor(Snapshot.empty(), cluster, ec2Only, "FARGATE", List.of(), "g", 1),
                message);
        assertRefused(() -> launch.capacityFor(Snapshot.empty(), cluster, ec2Only, null, List.of(), "g", 1), message);
    }

    @Test
    void tasksOfTheSameGroupAlreadyRunningCountTowardTheStrategy() {
        Cluster cluster = cluster(List.of("FARGATE", "FARGATE_SPOT"), List.of());
        String clusterArn = cluster.clusterArn();
        store.write(tx -> {
            tx.put(Kind.TASK, existing("1", clusterArn, "service:api", "FARGATE", TaskStatus.RUNNING));
            tx.put(Kind.TASK, existing("2", clusterArn, "service:api", "FARGATE", TaskStatus.PENDING));
            // neither stopped tasks, nor other groups, nor other clusters count
            tx.put(Kind.TASK, existing("3", clusterArn, "service:api", "FARGATE_SPOT", TaskStatus.STOPPED));
            tx.put(Kind.TASK, existing("4", clusterArn, "service:other", "FARGATE_SPOT", TaskStatus.RUNNING));
            tx.put(Kind.TASK, existing("5", ARNS.cluster("elsewhere"), "service:api", "FARGATE_SPOT",
                    TaskStatus.RUNNING));
            return null;
        });
        List<CapacityProviderStrategyItem> even = List.of(item("FARGATE", 1, 0), item("FARGATE_SPOT", 1, 0));

        assertThat(launch.capacityFor(store.snapshot(), cluster, fargate, null, even, "service:api", 4))
                .containsExactlyInAnyOrder("FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT", "FARGATE");
    }

    // tags

    @Test
    void tagsComeFromTheDefinitionWhenPropagatedThenTheRequestThenEcs() {
        TaskDefinition tagged = fargate.withTags(List.of(new Tag("team", "payments"), new Tag("env", "dev")));
        Cluster cluster = cluster(List.of(), List.of());
        List<Tag> requested = List.of(new Tag("env", "prod"), new Tag("run", "nightly"));

        assertThat(launch.tags(cluster, tagged, requested, "TASK_DEFINITION", true, "api")).containsExactly(
                new Tag("team", "payments"), new Tag("env", "prod"), new Tag("run", "nightly"),
                new Tag("aws:ecs:clusterName", "c"), new Tag("aws:ecs:serviceName", "api"));
        assertThat(launch.tags(cluster, tagged, requested, null, false, null)).containsExactlyElementsOf(requested);
        assertThat(launch.tags(cluster, tagged, List.of(), "NONE", true, null))
                .containsExactly(new Tag("aws:ecs:clusterName", "c"));
        assertThatThrownBy(() -> launch.tags(cluster, tagged, List.of(), "EVERYTHING", false, null))
                .isInstanceOf(ApiException.class);
    }

    // the new task

    @Test
    void aNewTaskIsProvisioningWithPendingContainersAsEcsFirstReportsIt() {
        Cluster cluster = cluster(List.of(), List.of());

        Task task = newTask(cluster, request("FARGATE", true, TaskOverride.none(), AWSVPC));

        String taskId = "0000000000000abc0000000000000001";
        assertThat(task.taskArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task/c/" + taskId);
        assertThat(task.clusterArn()).isEqualTo(cluster.clusterArn());
        assertThat(task.taskDefinitionArn()).isEqualTo(fargate.taskDefinitionArn());
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.createdAt()).isEqualTo(NOW);
        assertThat(task.launchType()).isEqualTo("FARGATE");
        assertThat(task.capacityProviderName()).isNull();
        assertThat(task.platformVersion()).isEqualTo("1.4.0");
        assertThat(task.platformFamily()).isEqualTo("Linux");
        // subnet-1 is in zone c, subnet-2 in zone a: the first task goes to the first zone by name
        assertThat(task.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(task.agentId()).isEqualTo("local-fargate");
        assertThat(task.cpu()).isEqualTo("256");
        assertThat(task.memory()).isEqualTo("512");
        assertThat(task.group()).isEqualTo("family:app");
        assertThat(task.startedBy()).isEqualTo("me");
        assertThat(task.tags()).containsExactly(new Tag("k", "v"));
        assertThat(task.containers()).extracting(TaskContainer::name, TaskContainer::containerArn,
                        TaskContainer::lastStatus, TaskContainer::essential, TaskContainer::cpu, TaskContainer::memory)
                .containsExactly(
                        tuple("web", "arn:aws:ecs:us-east-1:000000000000:container/c/" + taskId + "/"
                                + new UUID(0xabcL, 2), dev.ecsd.model.ContainerStatus.PENDING, true, "128", "256"),
                        tuple("sidecar", "arn:aws:ecs:us-east-1:000000000000:container/c/" + taskId + "/"
                                + new UUID(0xabcL, 3), dev.ecsd.model.ContainerStatus.PENDING, true, "0", null));
        assertThat(task.attachments()).singleElement().satisfies(eni -> {
            assertThat(eni.id()).isEqualTo(new UUID(0xabcL, 4).toString());
            assertThat(eni.type()).isEqualTo("ElasticNetworkInterface");
            assertThat(eni.status()).isEqualTo("PRECREATED");
            assertThat(eni.detail("subnetId")).isEqualTo("subnet-2");
            assertThat(eni.detail("networkInterfaceId")).matches("eni-[0-9a-f]{17}");
            assertThat(eni.detail("macAddress")).matches("02(:[0-9a-f]{2}){5}");
        });
    }

    @Test
    void theTasksOfAGroupSpreadOverTheZonesOfTheirSubnets() {
        Cluster cluster = cluster(List.of(), List.of());

        List<Task> tasks = store.write(tx -> IntStream.range(0, 3).mapToObj(i -> tx.put(Kind.TASK,
                launch.newTask(tx, cluster, fargate, request("FARGATE", true, TaskOverride.none(), AWSVPC)))).toList());

        assertThat(tasks).extracting(Task::availabilityZone).containsExactly("us-east-1a", "us-east-1c", "us-east-1a");
        assertThat(tasks).extracting(t -> t.attachments().getFirst().detail("subnetId"))
                .containsExactly("subnet-2", "subnet-1", "subnet-2");
    }

    @Test
    void aTaskPlacedByAStrategyRecordsItsCapacityProvider() {
        Task task = newTask(cluster(List.of(), List.of()), request("FARGATE_SPOT", false, TaskOverride.none(), AWSVPC));

        assertThat(task.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        assertThat(task.launchType()).isEqualTo("FARGATE");
    }

    @Test
    void overridesSizeTheTaskAndItsContainers() {
        TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride("sidecar", List.of("run"),
                List.of(new KeyValuePair("A", "1")), 64, 128, 32, Map.of())), "512", "1024", null, null, Map.of());

        Task task = newTask(cluster(List.of(), List.of()), request("FARGATE", true, overrides, AWSVPC));

        assertThat(task.cpu()).isEqualTo("512");
        assertThat(task.memory()).isEqualTo("1024");
        assertThat(task.overrides()).isEqualTo(overrides);
        assertThat(task.container("sidecar").orElseThrow()).extracting(TaskContainer::cpu, TaskContainer::memory,
                TaskContainer::memoryReservation).containsExactly("64", "128", "32");
        assertThat(task.container("web").orElseThrow().cpu()).isEqualTo("128");
    }

    @Test
    void anOverrideMustNameAContainerOfTheDefinition() {
        Cluster cluster = cluster(List.of(), List.of());
        for (String name : new String[] {"ghost", null}) {
            TaskOverride overrides = new TaskOverride(List.of(new ContainerOverride(name, List.of("x"), null, null, null,
                    null, Map.of())), null, null, null, null, Map.of());

            assertThatThrownBy(() -> newTask(cluster, request("FARGATE", true, overrides, AWSVPC)))
                    .isInstanceOf(ApiException.class);
        }
        assertThat(store.snapshot().count(Kind.TASK)).isZero();
    }

    @Test
    void theNetworkConfigurationMustSuitTheNetworkMode() {
        Cluster cluster = cluster(List.of(), List.of());
        TaskDefinition bridge = definition("bridge", List.of("EC2"), container("web", 128, 256));

        assertRefused(() -> newTask(cluster, request("FARGATE", true, TaskOverride.none(), null)),
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        assertRefused(() -> store.write(tx -> launch.newTask(tx, cluster, bridge,
                        request("FARGATE", true, TaskOverride.none(), AWSVPC))),
                "Network Configuration is not valid for the given networkMode of this task definition.");
        assertThat(store.write(tx -> launch.newTask(tx, cluster, bridge,
                request("FARGATE", true, TaskOverride.none(), null))).attachments()).isEmpty();
        for (NetworkConfiguration.AwsVpcConfiguration awsvpc : List.of(
                new NetworkConfiguration.AwsVpcConfiguration(List.of(), null, null),
                new NetworkConfiguration.AwsVpcConfiguration(subnets(17), null, null),
                new NetworkConfiguration.AwsVpcConfiguration(subnets(1), List.of("1", "2", "3", "4", "5", "6"), null),
                new NetworkConfiguration.AwsVpcConfiguration(subnets(1), null, "SOMETIMES"))) {
            assertThatThrownBy(() -> newTask(cluster, request("FARGATE", true, TaskOverride.none(),
                    new NetworkConfiguration(awsvpc))))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER));
        }
    }

    // fixtures

    private Task newTask(Cluster cluster, TaskLaunch.Request request) {
        return store.write(tx -> launch.newTask(tx, cluster, fargate, request));
    }

    private static TaskLaunch.Request request(String provider, boolean byLaunchType, TaskOverride overrides,
            NetworkConfiguration network) {
        return new TaskLaunch.Request(provider, byLaunchType, overrides, network, "family:app", "me",
                List.of(new Tag("k", "v")), false);
    }

    private static List<String> subnets(int count) {
        List<String> subnets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            subnets.add("subnet-" + i);
        }
        return subnets;
    }

    private static Cluster cluster(List<String> providers, List<CapacityProviderStrategyItem> strategy) {
        return new Cluster(ARNS.cluster("c"), "c", ClusterStatus.ACTIVE, List.of(), null, providers, strategy, null,
                List.of(), NOW);
    }

    private static CapacityProviderStrategyItem item(String provider, int weight, int base) {
        return new CapacityProviderStrategyItem(provider, weight, base);
    }

    private static ContainerDefinition container(String name, Integer cpu, Integer memory) {
        return new ContainerDefinition(name, "example/app:1", cpu == null ? 0 : cpu, memory, null, List.of(), true,
                null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, List.of(), Map.of());
    }

    private static TaskDefinition definition(String networkMode, List<String> compatibilities,
            ContainerDefinition... containers) {
        return new TaskDefinition(ARNS.taskDefinition("app", 1), "app", 1, TaskDefinitionStatus.ACTIVE,
                List.of(containers), null, null, networkMode, List.of(), List.of(), null, compatibilities, List.of(),
                "256", "512", null, null, NOW, null, null, null, List.of(), Map.of());
    }

    private static Task existing(String id, String clusterArn, String group, String provider, TaskStatus status) {
        return new Task.Builder()
                .taskArn(ARNS.task("c", id))
                .clusterArn(clusterArn)
                .taskDefinitionArn(ARNS.taskDefinition("app", 1))
                .capacityProviderName(provider)
                .launchType("FARGATE")
                .group(group)
                .lastStatus(status)
                .desiredStatus(status == TaskStatus.STOPPED ? DesiredStatus.STOPPED : DesiredStatus.RUNNING)
                .build();
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
