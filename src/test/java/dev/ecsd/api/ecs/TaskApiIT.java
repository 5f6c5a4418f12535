package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ClusterApiIT.assertClusterNotFound;
import static dev.ecsd.api.ecs.ClusterApiIT.strategy;
import static dev.ecsd.api.ecs.ClusterApiIT.tag;
import static dev.ecsd.api.ecs.TaskFixtures.IMAGE;
import static dev.ecsd.api.ecs.TaskFixtures.SUBNET;
import static dev.ecsd.api.ecs.TaskFixtures.awaitTask;
import static dev.ecsd.api.ecs.TaskFixtures.container;
import static dev.ecsd.api.ecs.TaskFixtures.fargate;
import static dev.ecsd.api.ecs.TaskFixtures.lastStatus;
import static dev.ecsd.api.ecs.TaskFixtures.registerFargate;
import static dev.ecsd.api.ecs.TaskFixtures.runOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.SharedServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** RunTask over HTTP through the SDK, on the simulated runtime: what it accepts, refuses and answers. */
class TaskApiIT {
    private static final String CLUSTER = "tasks";
    private static final String ACCOUNT_PREFIX = "arn:aws:ecs:us-east-1:000000000000:";
    private static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";

    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();
    private String definition;

    @BeforeEach
    void wipe() {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        definition = registerFargate(ecs, "web", container("web"));
    }

    // count

    @Test
    void runTaskStartsOneTaskByDefaultAndUpToTenAtOnce() {
        assertThat(ecs.runTask(fargate(CLUSTER, "web").build()).tasks()).hasSize(1);

        RunTaskResponse ten = ecs.runTask(fargate(CLUSTER, "web").count(10).build());

        assertThat(ten.failures()).isEmpty();
        assertThat(ten.tasks()).hasSize(10);
        assertThat(ten.tasks()).extracting(Task::taskArn).doesNotHaveDuplicates()
                .allMatch(arn -> arn.matches(ACCOUNT_PREFIX + "task/" + CLUSTER + "/[0-9a-f]{32}"));
        assertThat(ten.tasks()).extracting(Task::lastStatus, Task::desiredStatus)
                .containsOnly(tuple("PROVISIONING", "RUNNING"));
    }

    @Test
    void aCountOutsideOneToTenIsRefused() {
        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web").count(0).build()));
        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web").count(11).build()));
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    // where tasks run

    @Test
    void theFargateLaunchTypeRunsOnFargateWithoutACapacityProvider() {
        Task task = runOne(ecs, CLUSTER, "web");

        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(task.capacityProviderName()).isNull();
    }

    @Test
    void aCapacityProviderStrategySplitsTasksByBaseThenWeight() {
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(List.of()));

        List<Task> tasks = ecs.runTask(fargate(CLUSTER, "web").launchType((String) null).count(10)
                .capacityProviderStrategy(strategy("FARGATE", 1, 2), strategy("FARGATE_SPOT", 3, 0)).build()).tasks();

        // the base of 2 goes to FARGATE; the other 8 split 1:3
        Map<String, Long> byProvider = tasks.stream()
                .collect(Collectors.groupingBy(Task::capacityProviderName, Collectors.counting()));
        assertThat(byProvider).containsExactlyInAnyOrderEntriesOf(Map.of("FARGATE", 4L, "FARGATE_SPOT", 6L));
        assertThat(tasks).extracting(Task::launchTypeAsString).containsOnly("FARGATE");
    }

    @Test
    void withNeitherLaunchTypeNorStrategyTheClusterDefaultStrategyIsUsed() {
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(strategy("FARGATE_SPOT", 1, 0)));

        Task task = ecs.runTask(fargate(CLUSTER, "web").launchType((String) null).build()).tasks().getFirst();

        assertThat(task.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
    }

    @Test
    void withNeitherLaunchTypeNorAnyStrategyEcsUsesEc2WhichHasNoCapacity() {
        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web").launchType((String) null).build()),
                NO_CONTAINER_INSTANCES);
        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web").launchType(LaunchType.EC2).build()),
                NO_CONTAINER_INSTANCES);
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    @Test
    void aLaunchTypeAndAStrategyTogetherAreRefused() {
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(List.of()));

        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web")
                        .capacityProviderStrategy(strategy("FARGATE", 1, 0)).build()),
                "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try "
                        + "again.");
    }

    @Test
    void aProviderNotAssociatedWithTheClusterIsRefused() {
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(List.of()));

        assertThatThrownBy(() -> ecs.runTask(fargate(CLUSTER, "web").launchType((String) null)
                .capacityProviderStrategy(strategy("FARGATE_SPOT", 1, 0)).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("capacity provider that is not associated with the cluster");
    }

    @Test
    void aStrategyIsCheckedAsForAService() {
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(List.of()));

        for (var strategy : List.of(
                List.of(strategy("FARGATE", 1, 1), strategy("FARGATE_SPOT", 1, 1)), // a base on two providers
                List.of(strategy("FARGATE", 1, 0), strategy("FARGATE", 2, 0)), // one provider twice
                List.of(strategy("FARGATE", 1001, 0)), // weights go to 1000
                List.of(strategy("FARGATE", 0, 0)))) { // nothing to place by weight
            assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web").launchType((String) null)
                    .capacityProviderStrategy(strategy).build()));
        }
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    @Test
    void aDefinitionThatIsNotFargateCompatibleIsRefused() {
        ecs.registerTaskDefinition(r -> r.family("ec2-only").requiresCompatibilities(Compatibility.EC2)
                .containerDefinitions(c -> c.name("web").image(IMAGE).memory(128)));

        assertInvalidParameter(() -> ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("ec2-only")
                .launchType(LaunchType.FARGATE)), "Task definition does not support launch_type FARGATE.");
    }

    @Test
    void anAwsvpcTaskWithoutNetworkConfigurationIsRefused() {
        assertInvalidParameter(() -> ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("web")
                        .launchType(LaunchType.FARGATE)),
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }

    // task definition and cluster

    @Test
    void anUnknownTaskDefinitionIsRefused() {
        assertThatThrownBy(() -> ecs.runTask(fargate(CLUSTER, "nothing").build()))
                .isInstanceOfSatisfying(ClientException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("TaskDefinition not found."));
        assertThatThrownBy(() -> ecs.runTask(fargate(CLUSTER, "web:9").build())).isInstanceOf(ClientException.class);
    }

    @Test
    void anInactiveOrDeletedRevisionRunsNoTask() {
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));

        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web:1").build()), "TaskDefinition is inactive");
        // a bare family means its latest ACTIVE revision, and there is none
        assertThatThrownBy(() -> ecs.runTask(fargate(CLUSTER, "web").build())).isInstanceOf(ClientException.class);

        ecs.deleteTaskDefinitions(r -> r.taskDefinitions("web:1"));

        assertThatThrownBy(() -> ecs.runTask(fargate(CLUSTER, definition).build()))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    @Test
    void anUnknownOrDeletedClusterIsNotFound() {
        assertClusterNotFound(() -> ecs.runTask(fargate("nowhere", "web").build()));

        ecs.deleteCluster(r -> r.cluster(CLUSTER));

        assertClusterNotFound(() -> ecs.runTask(fargate(CLUSTER, "web").build()));
    }

    // what the task records

    @Test
    void theGroupDefaultsToTheFamily() {
        assertThat(runOne(ecs, CLUSTER, "web").group()).isEqualTo("family:web");
        assertThat(ecs.runTask(fargate(CLUSTER, "web").group("batch").build()).tasks().getFirst().group())
                .isEqualTo("batch");
    }

    @Test
    void startedByIsKeptUpToThirtySixCharacters() {
        String longest = "a".repeat(30) + "/b_c-d";

        Task task = ecs.runTask(fargate(CLUSTER, "web").startedBy(longest).build()).tasks().getFirst();

        assertThat(TaskFixtures.describe(ecs, CLUSTER, task.taskArn()).startedBy()).isEqualTo(longest);
        assertInvalidParameter(() -> ecs.runTask(fargate(CLUSTER, "web").startedBy(longest + "x").build()),
                "startedBy longer than 36.");
    }

    @Test
    void tagsArePropagatedFromTheDefinitionAndEcsAddsItsManagedTags() {
        ecs.tagResource(r -> r.resourceArn(definition).tags(tag("team", "payments")));

        Task task = ecs.runTask(fargate(CLUSTER, "web").tags(tag("run", "nightly"))
                .propagateTags(PropagateTags.TASK_DEFINITION).enableECSManagedTags(true).build()).tasks().getFirst();

        var expected = new software.amazon.awssdk.services.ecs.model.Tag[] {
                tag("team", "payments"), tag("run", "nightly"), tag("aws:ecs:clusterName", CLUSTER)};
        assertThat(task.tags()).containsExactlyInAnyOrder(expected);
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn()).include(TaskField.TAGS))
                .tasks().getFirst().tags()).containsExactlyInAnyOrder(expected);
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags())
                .containsExactlyInAnyOrder(expected);
    }

    @Test
    void withoutPropagationTheDefinitionsTagsStayOnTheDefinition() {
        ecs.tagResource(r -> r.resourceArn(definition).tags(tag("team", "payments")));

        Task task = ecs.runTask(fargate(CLUSTER, "web").tags(tag("run", "nightly")).build()).tasks().getFirst();

        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags())
                .containsExactly(tag("run", "nightly"));
    }

    @Test
    void overridesAreReportedAndTakeEffectOnTheTaskAndItsContainers() {
        registerFargate(ecs, "pair", container("web"), container("sidecar"));
        ContainerOverride web = ContainerOverride.builder().name("web").command("serve", "--port", "8080")
                .environment(KeyValuePair.builder().name("MODE").value("test").build()).cpu(128).memory(256).build();

        Task run = ecs.runTask(fargate(CLUSTER, "pair").overrides(o -> o.containerOverrides(web)
                .cpu("512").memory("1024").taskRoleArn("arn:aws:iam::000000000000:role/override"))
                .build()).tasks().getFirst();
        Task described = TaskFixtures.describe(ecs, CLUSTER, run.taskArn());

        for (Task task : List.of(run, described)) {
            assertThat(task.overrides().containerOverrides()).containsExactly(web,
                    ContainerOverride.builder().name("sidecar").build());
            assertThat(task.overrides().cpu()).isEqualTo("512");
            assertThat(task.overrides().memory()).isEqualTo("1024");
            assertThat(task.overrides().taskRoleArn()).isEqualTo("arn:aws:iam::000000000000:role/override");
            assertThat(task.cpu()).isEqualTo("512");
            assertThat(task.memory()).isEqualTo("1024");
            assertThat(task.containers()).extracting(Container::name, Container::cpu, Container::memory)
                    .containsExactlyInAnyOrder(tuple("web", "128", "256"), tuple("sidecar", "0", null));
        }
    }

    @Test
    void anOverrideOfAContainerTheDefinitionDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> ecs.runTask(fargate(CLUSTER, "web").overrides(o -> o.containerOverrides(
                ContainerOverride.builder().name("ghost").command("true").build())).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ghost");
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    // the answer, as ECS gives it for a Fargate task (docs/ecs-behaviour.md §4.5, §4.6)

    @Test
    void runTaskAnswersAProvisioningFargateTaskAsEcsDoes() {
        Instant before = Instant.now().minusSeconds(1);

        RunTaskResponse response = ecs.runTask(fargate(CLUSTER, "web").build());

        assertThat(response.failures()).isEmpty();
        Task task = response.tasks().getFirst();
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        assertThat(task.clusterArn()).isEqualTo(ACCOUNT_PREFIX + "cluster/" + CLUSTER);
        assertThat(task.taskDefinitionArn()).isEqualTo(definition);
        assertThat(task.lastStatus()).isEqualTo("PROVISIONING");
        assertThat(task.desiredStatus()).isEqualTo("RUNNING");
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.createdAt()).isAfter(before);
        assertThat(task.startedAt()).isNull();
        // the interface does not exist yet: ECS shows only its subnet
        assertThat(task.attachments()).singleElement().satisfies(eni -> {
            assertThat(eni.type()).isEqualTo("ElasticNetworkInterface");
            assertThat(eni.status()).isEqualTo("PRECREATED");
            assertThat(eni.details()).containsExactly(detail("subnetId", SUBNET));
        });
        assertThat(task.containers()).singleElement().satisfies(container -> {
            assertThat(container.containerArn()).matches(ACCOUNT_PREFIX + "container/" + CLUSTER + "/" + taskId
                    + "/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(container.taskArn()).isEqualTo(task.taskArn());
            assertThat(container.lastStatus()).isEqualTo("PENDING");
            assertThat(container.networkInterfaces()).isEmpty();
        });
        assertFargateFields(task);
    }

    @Test
    void aRunningFargateTaskIsDescribedAsEcsDescribesIt() {
        Task run = runOne(ecs, CLUSTER, "web");

        Task task = awaitTask(ecs, CLUSTER, run.taskArn(), lastStatus("RUNNING"));

        assertFargateFields(task);
        assertThat(task.version()).isGreaterThan(run.version());
        assertThat(task.connectivityAsString()).isEqualTo("CONNECTED");
        // As in ECS, the task's network is connected before its images are pulled.
        assertThat(List.of(task.createdAt(), task.connectivityAt(), task.pullStartedAt(), task.pullStoppedAt(),
                task.startedAt())).doesNotContainNull().isSorted();
        assertThat(task.stoppingAt()).isNull();
        assertThat(task.stoppedAt()).isNull();
        Attachment eni = task.attachments().getFirst();
        assertThat(eni.id()).isEqualTo(run.attachments().getFirst().id());
        assertThat(eni.status()).isEqualTo("ATTACHED");
        assertThat(eni.details()).extracting(KeyValuePair::name).containsExactly("subnetId", "networkInterfaceId",
                "macAddress", "privateDnsName", "privateIPv4Address");
        Map<String, String> details = eni.details().stream()
                .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
        assertThat(details.get("subnetId")).isEqualTo(SUBNET);
        assertThat(details.get("networkInterfaceId")).matches("eni-[0-9a-f]{17}");
        assertThat(details.get("macAddress")).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(details.get("privateIPv4Address")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(details.get("privateDnsName"))
                .isEqualTo("ip-" + details.get("privateIPv4Address").replace('.', '-') + ".ec2.internal");
        assertThat(task.containers()).singleElement().satisfies(container -> {
            assertThat(container.name()).isEqualTo("web");
            assertThat(container.image()).isEqualTo(IMAGE);
            assertThat(container.lastStatus()).isEqualTo("RUNNING");
            assertThat(container.runtimeId()).isNotBlank();
            assertThat(container.healthStatusAsString()).isEqualTo("UNKNOWN");
            assertThat(container.cpu()).isEqualTo("0");
            assertThat(container.exitCode()).isNull();
            assertThat(container.networkInterfaces()).singleElement().satisfies(nic -> {
                assertThat(nic.attachmentId()).isEqualTo(eni.id());
                assertThat(nic.privateIpv4Address()).isEqualTo(details.get("privateIPv4Address"));
            });
        });
    }

    @Test
    void ephemeralStorageIsTheDefinitionsUnlessOverridden() {
        String larger = ecs.registerTaskDefinition(r -> r.family("large").networkMode("awsvpc")
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .ephemeralStorage(e -> e.sizeInGiB(50)).containerDefinitions(container("web")))
                .taskDefinition().taskDefinitionArn();

        Task defined = runOne(ecs, CLUSTER, larger);
        Task overridden = ecs.runTask(fargate(CLUSTER, larger).overrides(o -> o.ephemeralStorage(e -> e.sizeInGiB(80)))
                .build()).tasks().getFirst();

        assertThat(TaskFixtures.describe(ecs, CLUSTER, defined.taskArn()).ephemeralStorage().sizeInGiB()).isEqualTo(50);
        assertThat(TaskFixtures.describe(ecs, CLUSTER, overridden.taskArn()).ephemeralStorage().sizeInGiB())
                .isEqualTo(80);
        assertThat(overridden.fargateEphemeralStorage().sizeInGiB()).isEqualTo(80);
    }

    /** What every Fargate task shows, whatever its status. */
    private void assertFargateFields(Task task) {
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(task.platformVersion()).isEqualTo("1.4.0");
        assertThat(task.platformFamily()).isEqualTo("Linux");
        assertThat(task.availabilityZone()).matches("us-east-1[a-f]");
        assertThat(task.cpu()).isEqualTo("256");
        assertThat(task.memory()).isEqualTo("512");
        assertThat(task.ephemeralStorage().sizeInGiB()).isEqualTo(20);
        assertThat(task.attributes()).singleElement().satisfies(attribute -> {
            assertThat(attribute.name()).isEqualTo("ecs.cpu-architecture");
            assertThat(attribute.value()).isIn("x86_64", "arm64");
        });
        assertThat(task.group()).isEqualTo("family:web");
        assertThat(task.enableExecuteCommand()).isFalse();
        assertThat(task.healthStatusAsString()).isEqualTo("UNKNOWN");
        assertThat(task.overrides().containerOverrides()).extracting(ContainerOverride::name).containsExactly("web");
        assertThat(task.overrides().inferenceAcceleratorOverrides()).isEmpty();
        assertThat(task.stopCode()).isNull();
        assertThat(task.stoppedReason()).isNull();
    }

    private static KeyValuePair detail(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }

    static void assertInvalidParameter(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    /** Refused with InvalidParameterException and exactly ECS's message. */
    static void assertInvalidParameter(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
