package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.messages;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

/**
 * Task scale-in protection through the SDK on virtual time: UpdateTaskProtection and GetTaskProtection with their
 * failures, and a protected task that outlives a scale-in and a deployment until its protection expires.
 */
class TaskProtectionIT {
    private static final String CLUSTER = "protection";
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
    void protectionIsSetReadExtendedAndTurnedOffWithEcsDefaults() {
        List<String> tasks = runService(2);
        Instant now = scenario.clock.instant();

        UpdateTaskProtectionResponse on = ecs.updateTaskProtection(r -> r.cluster(CLUSTER).tasks(tasks.get(0))
                .protectionEnabled(true));
        assertThat(on.failures()).isEmpty();
        ProtectedTask protectedTask = on.protectedTasks().getFirst();
        assertThat(protectedTask.taskArn()).isEqualTo(tasks.get(0));
        assertThat(protectedTask.protectionEnabled()).isTrue();
        assertThat(Duration.between(now, protectedTask.expirationDate())).isBetween(Duration.ofMinutes(120),
                Duration.ofMinutes(120).plusSeconds(1));

        String id = tasks.get(1).substring(tasks.get(1).lastIndexOf('/') + 1);
        ProtectedTask byId = ecs.updateTaskProtection(r -> r.cluster(CLUSTER).tasks(id).protectionEnabled(true)
                .expiresInMinutes(5)).protectedTasks().getFirst();
        assertThat(byId.taskArn()).isEqualTo(tasks.get(1));
        assertThat(Duration.between(now, byId.expirationDate())).isLessThanOrEqualTo(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(ecs.getTaskProtection(r -> r.cluster(CLUSTER).tasks(tasks)).protectedTasks())
                .extracting(ProtectedTask::protectionEnabled).containsExactly(true, true);
        assertThat(ecs.getTaskProtection(r -> r.cluster(CLUSTER)).protectedTasks()).hasSize(2);

        scenario.advance(Duration.ofMinutes(6));
        assertThat(ecs.getTaskProtection(r -> r.cluster(CLUSTER).tasks(tasks.get(1))).protectedTasks().getFirst())
                .satisfies(t -> {
                    assertThat(t.protectionEnabled()).isFalse();
                    assertThat(t.expirationDate()).isNull();
                });

        ProtectedTask off = ecs.updateTaskProtection(r -> r.cluster(CLUSTER).tasks(tasks.get(0))
                .protectionEnabled(false)).protectedTasks().getFirst();
        assertThat(off.protectionEnabled()).isFalse();
        assertThat(ecs.getTaskProtection(r -> r.cluster(CLUSTER)).protectedTasks()).isEmpty();
    }

    @Test
    void missingStandaloneAndOutOfRangeRequestsAreRefusedAsEcsRefusesThem() {
        runService(1);
        String standalone = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(v1).launchType("FARGATE")
                .networkConfiguration(ServiceRequests.network())).tasks().getFirst().taskArn();
        String missing = "arn:aws:ecs:us-east-1:000000000000:task/" + CLUSTER + "/0123456789abcdef0123456789abcdef";

        UpdateTaskProtectionResponse answer = ecs.updateTaskProtection(r -> r.cluster(CLUSTER)
                .tasks(standalone, missing).protectionEnabled(true));

        assertThat(answer.protectedTasks()).isEmpty();
        assertThat(answer.failures()).extracting(Failure::arn, Failure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(standalone, "TASK_NOT_VALID"),
                org.assertj.core.groups.Tuple.tuple(missing, "MISSING"));
        assertThatThrownBy(() -> ecs.updateTaskProtection(r -> r.cluster(CLUSTER).tasks(standalone)
                .protectionEnabled(true).expiresInMinutes(2881)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("expiresInMinutes");
        assertThatThrownBy(() -> ecs.updateTaskProtection(r -> r.cluster(CLUSTER).tasks(List.of())
                .protectionEnabled(true))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aProtectedTaskOutlivesAScaleInAndADeploymentUntilItsProtectionExpires() {
        List<String> tasks = runService(3);
        String keep = tasks.get(2);
        ecs.updateTaskProtection(r -> r.cluster(CLUSTER).tasks(keep).protectionEnabled(true).expiresInMinutes(30));

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1));
        Service scaledIn = awaitService("two tasks stopped", s -> s.runningCount() == 1 && s.pendingCount() == 0
                && ServiceRequests.tasks(ecs, CLUSTER, "web").stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                        .count() == 1);
        assertThat(running()).containsExactly(keep);
        assertThat(messages(scaledIn)).noneMatch(m -> m.contains("under protection"));

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(2));
        awaitService("two tasks again", s -> s.runningCount() == 2);
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2));
        Service blocked = awaitService("the deployment waits on the protected task",
                s -> messages(s).contains("(service web) was unable to scale in due to (reason: 1 tasks under "
                        + "protection).") && running().size() == 3);
        assertThat(blocked.deployments()).hasSize(2);
        assertThat(running()).contains(keep);

        scenario.advance(Duration.ofMinutes(31));
        Service done = awaitService("the deployment completed once the protection expired", s -> completedOn(s, v2, 2));
        assertThat(running()).doesNotContain(keep).hasSize(2);
        assertThat(done.deployments()).hasSize(1);
    }

    /** Starts a service of {@code count} tasks and answers their ARNs, oldest first, once it is steady. */
    private List<String> runService(int count) {
        ecs.createService(fargateService(CLUSTER, "web", v1, count).build());
        awaitService("the first deployment completed", s -> completedOn(s, v1, count));
        return ServiceRequests.tasks(ecs, CLUSTER, "web").stream()
                .sorted(java.util.Comparator.comparing(Task::createdAt)).map(Task::taskArn).toList();
    }

    private List<String> running() {
        return ServiceRequests.tasks(ecs, CLUSTER, "web").stream().filter(t -> "RUNNING".equals(t.lastStatus())
                && "RUNNING".equals(t.desiredStatus())).map(Task::taskArn).toList();
    }

    private Service awaitService(String what, Predicate<Service> condition) {
        return scenario.await(what, () -> ServiceRequests.describe(ecs, CLUSTER, "web"), condition);
    }
}
