package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.ServerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Task sets survive SIGKILL: their status, scale and computed count come back, and the restarted scheduler keeps
 * their tasks without starting duplicates.
 */
class TaskSetRestartIT {
    private static final String CLUSTER = "sets-restart";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void taskSetsAndTheirTasksComeBackAfterKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            EcsClient ecs = process.ecs();
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            String v1 = ServiceRequests.registerFargate(ecs, "web", "registry.example/web:1");
            String v2 = ServiceRequests.registerFargate(ecs, "web", "registry.example/web:2");
            ecs.createService(r -> r.cluster(CLUSTER).serviceName("web").desiredCount(2)
                    .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
            TaskSet blue = create(ecs, v1, 100.0);
            TaskSet green = create(ecs, v2, 50.0);
            ecs.updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web").primaryTaskSet(green.id()));
            await("three tasks running").atMost(TIMEOUT).until(() -> running(ecs) == 3);

            process.kill9();
            process.restart();
            EcsClient after = process.ecs();

            List<TaskSet> sets = after.describeTaskSets(r -> r.cluster(CLUSTER).service("web")).taskSets();
            assertThat(sets).extracting(TaskSet::id, TaskSet::status, TaskSet::computedDesiredCount,
                    s -> s.scale().value()).containsExactly(tuple(blue.id(), "ACTIVE", 2, 100.0),
                    tuple(green.id(), "PRIMARY", 1, 50.0));
            assertThat(ServiceRequests.describe(after, CLUSTER, "web").taskDefinition()).isEqualTo(v2);
            await("the sets are steady again").atMost(TIMEOUT).until(() -> after.describeTaskSets(r -> r
                    .cluster(CLUSTER).service("web")).taskSets().stream()
                    .allMatch(s -> "STEADY_STATE".equals(s.stabilityStatusAsString()) && s.runningCount()
                            == s.computedDesiredCount()));
            assertThat(after.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns())
                    .as("no task started twice").hasSize(3);
        }
    }

    private static TaskSet create(EcsClient ecs, String taskDefinition, double percent) {
        return ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(taskDefinition)
                .launchType("FARGATE").networkConfiguration(network())
                .scale(s -> s.value(percent).unit(ScaleUnit.PERCENT))).taskSet();
    }

    private static long running(EcsClient ecs) {
        return ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web")).taskSets().stream()
                .mapToInt(TaskSet::runningCount).sum();
    }
}
