package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.ECS_ARN;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.Scenario;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/**
 * Services with the EXTERNAL deployment controller and their task sets, through the SDK on virtual time with the
 * simulated runtime: every task set operation, the tasks each set runs, and ECS's errors.
 */
class TaskSetIT {
    private static final String CLUSTER = "sets";
    private Scenario scenario;
    private EcsClient ecs;
    private String v1;
    private String v2;

    @BeforeEach
    void start() {
        scenario = Scenario.start();
        ecs = scenario.ecs;
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        v1 = registerFargate(ecs, "web", "registry.example/web:1");
        v2 = registerFargate(ecs, "web", "registry.example/web:2");
    }

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void anExternalServiceRunsItsTaskSetsAndFollowsTheExternalController() {
        Service created = createExternal("web", 2);
        assertThat(created.deploymentController().type()).isEqualTo(DeploymentControllerType.EXTERNAL);
        assertThat(created.deployments()).isEmpty();
        assertThat(created.taskSets()).isEmpty();
        assertThat(created.taskDefinition()).isNull();

        TaskSet blue = ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(v1)
                .launchType("FARGATE").networkConfiguration(network()).externalId("blue")
                .scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT))).taskSet();
        assertThat(blue.id()).matches("ecs-svc/\\d{19}");
        assertThat(blue.taskSetArn()).isEqualTo(ECS_ARN + ":task-set/" + CLUSTER + "/web/" + blue.id());
        assertThat(blue.serviceArn()).isEqualTo(ECS_ARN + ":service/" + CLUSTER + "/web");
        assertThat(blue.clusterArn()).isEqualTo(ECS_ARN + ":cluster/" + CLUSTER);
        assertThat(blue.status()).isEqualTo("ACTIVE");
        assertThat(blue.externalId()).isEqualTo("blue");
        assertThat(blue.taskDefinition()).isEqualTo(v1);
        assertThat(blue.computedDesiredCount()).isEqualTo(2);
        assertThat(blue.scale().value()).isEqualTo(100.0);
        assertThat(blue.scale().unit()).isEqualTo(ScaleUnit.PERCENT);
        assertThat(blue.stabilityStatusAsString()).isEqualTo("STABILIZING");
        assertThat(blue.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(blue.platformVersion()).isEqualTo("LATEST");
        assertThat(blue.networkConfiguration()).isEqualTo(network());

        TaskSet steadyBlue = awaitSet(blue.id(), "blue runs its two tasks", s -> s.runningCount() == 2
                && "STEADY_STATE".equals(s.stabilityStatusAsString()));
        assertThat(steadyBlue.pendingCount()).isZero();
        assertThat(tasksOf(blue.id())).hasSize(2).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(v1));
        assertThat(ServiceRequests.messages(describe())).as("a set's events name it")
                .anyMatch(m -> m.startsWith("(service web, taskSet " + blue.id() + ") has started 2 tasks: (task "))
                .contains("(service web) has reached a steady state.");

        TaskSet green = ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2)
                .launchType("FARGATE").networkConfiguration(network())
                .scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT))).taskSet();
        assertThat(green.computedDesiredCount()).isZero();

        TaskSet primary = ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web")
                .primaryTaskSet(blue.taskSetArn())).taskSet();
        assertThat(primary.status()).isEqualTo("PRIMARY");
        assertThat(describe().taskDefinition()).isEqualTo(v1);

        ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web").primaryTaskSet(green.id()));
        Service switched = describe();
        assertThat(switched.taskDefinition()).isEqualTo(v2);
        assertThat(switched.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(switched.taskSets()).extracting(TaskSet::id, TaskSet::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(blue.id(), "ACTIVE"),
                org.assertj.core.groups.Tuple.tuple(green.id(), "PRIMARY"));

        TaskSet scaledUp = ecs.updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(green.id())
                .scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT))).taskSet();
        assertThat(scaledUp.computedDesiredCount()).isEqualTo(2);
        awaitSet(green.id(), "green runs two tasks", s -> s.runningCount() == 2);
        assertThat(describe().runningCount()).isEqualTo(4);

        ecs.updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(blue.id())
                .scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT)));
        awaitSet(blue.id(), "blue stopped its tasks", s -> s.runningCount() == 0 && s.pendingCount() == 0
                && "STEADY_STATE".equals(s.stabilityStatusAsString()));
        assertThat(tasksOf(blue.id())).allSatisfy(t -> {
            assertThat(t.desiredStatus()).isEqualTo("STOPPED");
            assertThat(t.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + blue.id() + ")");
        });

        TaskSet draining = ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(blue.id())).taskSet();
        assertThat(draining.status()).isEqualTo("DRAINING");
        Service after = scenario.await("blue forgotten", this::describe, s -> s.taskSets().size() == 1);
        assertThat(after.taskSets().getFirst().id()).isEqualTo(green.id());

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(3));
        // steady once its tasks run: the task set controller looks again after the last task's RUNNING
        TaskSet three = awaitSet(green.id(), "green follows the service's desired count",
                s -> s.computedDesiredCount() == 3 && s.runningCount() == 3
                        && "STEADY_STATE".equals(s.stabilityStatusAsString()));
        assertThat(three.pendingCount()).isZero();
    }

    @Test
    void describeTaskSetsListsEverySetOrTheOnesNamedWithFailuresForMissingOnes() {
        createExternal("web", 1);
        TaskSet one = createSet("web", v1, 100.0);
        TaskSet two = createSet("web", v2, 50.0);
        assertThat(ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web")).taskSets())
                .extracting(TaskSet::id).containsExactly(one.id(), two.id());
        TaskSet retried = ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(v1)
                .launchType("FARGATE").networkConfiguration(network()).clientToken("token-1")).taskSet();
        assertThat(ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(v1)
                .launchType("FARGATE").networkConfiguration(network()).clientToken("token-1")).taskSet().id())
                .as("a retry with the same client token").isEqualTo(retried.id());
        ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(retried.id()).force(true));
        String missing = "ecs-svc/1234567890123456789";
        DescribeTaskSetsResponse named = ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web")
                .taskSets(two.taskSetArn(), missing));
        assertThat(named.taskSets()).extracting(TaskSet::id).containsExactly(two.id());
        assertThat(named.taskSets().getFirst().computedDesiredCount()).isEqualTo(1);
        assertThat(named.failures()).extracting(Failure::arn, Failure::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(missing, "MISSING"));
    }

    @Test
    void aBlueGreenServiceRunsItsFirstTaskSetAndLeavesDeploymentsToCodeDeploy() {
        Service created = ecs.createService(fargateService(CLUSTER, "web", v1, 2)
                .deploymentController(c -> c.type(DeploymentControllerType.CODE_DEPLOY)).build()).service();
        assertThat(created.deployments()).isEmpty();
        assertThat(created.taskSets()).singleElement().satisfies(set -> {
            assertThat(set.status()).isEqualTo("PRIMARY");
            assertThat(set.taskDefinition()).isEqualTo(v1);
            assertThat(set.computedDesiredCount()).isEqualTo(2);
            assertThat(set.scale().value()).isEqualTo(100.0);
            assertThat(set.taskSetArn()).isEqualTo(ECS_ARN + ":task-set/" + CLUSTER + "/web/" + set.id());
        });
        String id = created.taskSets().getFirst().id();
        awaitSet(id, "the first set runs two tasks", s -> s.runningCount() == 2
                && "STEADY_STATE".equals(s.stabilityStatusAsString()));

        String codeDeploy = " on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a "
                + "new deployment.";
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Unable to update task definition" + codeDeploy);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web")
                .networkConfiguration(network()))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Unable to update network parameters" + codeDeploy);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").forceNewDeployment(true)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Cannot force a new deployment" + codeDeploy);
        assertThatThrownBy(() -> createSet("web", v2, 100.0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("external deployment controllers");

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(3));
        awaitSet(id, "the set follows the desired count", s -> s.computedDesiredCount() == 3 && s.runningCount() == 3);
    }

    @Test
    void aTaskSetIsTaggedAtCreationAndThroughTheTagOperations() {
        createExternal("web", 1);
        TaskSet set = ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(v1)
                .launchType("FARGATE").networkConfiguration(network()).tags(t -> t.key("team").value("blue")))
                .taskSet();
        assertThat(set.tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "blue"));
        ecs.tagResource(r -> r.resourceArn(set.taskSetArn()).tags(t -> t.key("stage").value("canary")));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(set.taskSetArn())).tags()).extracting(Tag::key)
                .containsExactly("team", "stage");
        ecs.untagResource(r -> r.resourceArn(set.taskSetArn()).tagKeys("team"));
        assertThat(ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(set.id())
                .include(TaskSetField.TAGS)).taskSets().getFirst().tags()).extracting(Tag::key)
                .containsExactly("stage");
        assertThat(ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(set.id())).taskSets()
                .getFirst().tags()).as("tags only when asked for").isEmpty();
    }

    @Test
    void taskSetOperationsAreRefusedAsEcsRefusesThem() {
        ecs.createService(fargateService(CLUSTER, "rolling", v1, 0).build());
        String notExternal = "Amazon ECS only supports task set management on services configured to use external "
                + "deployment controllers.";
        assertThatThrownBy(() -> createSet("rolling", v1, 100.0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(notExternal);
        assertThatThrownBy(() -> ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("rolling")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(notExternal);
        assertThatThrownBy(() -> ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("rolling")
                .primaryTaskSet("ecs-svc/1"))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(notExternal);

        createExternal("web", 2);
        String missing = "ecs-svc/1234567890123456789";
        assertThatThrownBy(() -> ecs.updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(missing)
                .scale(s -> s.value(50.0).unit(ScaleUnit.PERCENT)))).isInstanceOf(TaskSetNotFoundException.class);
        assertThatThrownBy(() -> ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(missing)))
                .isInstanceOf(TaskSetNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web")
                .primaryTaskSet(missing))).isInstanceOf(TaskSetNotFoundException.class);
        assertThatThrownBy(() -> createSet("web", v1, 100.5)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> createSet("web", v1, -1.0)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> createSet("nope", v1, 100.0)).isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.createTaskSet(r -> r.cluster("nope").service("web").taskDefinition(v1)))
                .isInstanceOf(ClusterNotFoundException.class);

        TaskSet set = createSet("web", v1, 50.0);
        assertThatThrownBy(() -> ecs.updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(set.id())
                .scale(s -> s.value(101.0).unit(ScaleUnit.PERCENT)))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(set.id())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("force");
        ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web").primaryTaskSet(set.id()));
        assertThatThrownBy(() -> ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(set.id())
                .force(true))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Primary TaskSet cannot be deleted");
        TaskSet other = createSet("web", v2, 100.0);
        assertThat(ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(other.id()).force(true))
                .taskSet().status()).isEqualTo("DRAINING");

        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("task definition");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web")
                .networkConfiguration(network()))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").forceNewDeployment(true)))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(4)
                .healthCheckGracePeriodSeconds(30)).service().desiredCount()).isEqualTo(4);
        assertThat(ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(set.id())).taskSets()
                .getFirst().computedDesiredCount()).isEqualTo(2);

        ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
        assertThatThrownBy(() -> createSet("web", v1, 100.0)).isInstanceOf(ServiceNotActiveException.class);
    }

    private Service createExternal(String name, int desired) {
        return ecs.createService(r -> r.cluster(CLUSTER).serviceName(name).desiredCount(desired)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))).service();
    }

    private TaskSet createSet(String service, String taskDefinition, double percent) {
        return ecs.createTaskSet(r -> r.cluster(CLUSTER).service(service).taskDefinition(taskDefinition)
                .launchType("FARGATE").networkConfiguration(network())
                .scale(s -> s.value(percent).unit(ScaleUnit.PERCENT))).taskSet();
    }

    private Service describe() {
        return ServiceRequests.describe(ecs, CLUSTER, "web");
    }

    private List<Task> tasksOf(String taskSetId) {
        return ServiceRequests.tasks(ecs, CLUSTER, "web").stream().filter(t -> taskSetId.equals(t.startedBy()))
                .toList();
    }

    private TaskSet awaitSet(String id, String what, Predicate<TaskSet> condition) {
        return scenario.await(what, () -> ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(id))
                .taskSets().getFirst(), condition);
    }
}
