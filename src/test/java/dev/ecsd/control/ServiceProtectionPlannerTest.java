package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.ServiceFixtures.configuration;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.messages;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task scale-in protection in the service planner: scale-in and deployments pass protected tasks by until it ends. */
class ServiceProtectionPlannerTest {
    private static final String D1 = "ecs-svc/1111111111111111111";
    private static final String D2 = "ecs-svc/2222222222222222222";
    private static final Instant EXPIRY = T0.plus(Duration.ofMinutes(120));
    private final ServiceFixtures world = new ServiceFixtures();

    @Test
    void scaleInStopsUnprotectedTasksOnlyAndSaysOnceThatProtectedOnesRemain() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 3, RolloutState.COMPLETED)));
        List<Task> tasks = world.many(3, () -> world.running(D1, TD1));
        Map<String, Instant> protectedUntil = Map.of(tasks.get(1).taskArn(), EXPIRY, tasks.get(2).taskArn(), EXPIRY);

        ServicePlan plan = world.plan(service, tasks, T0, protectedUntil);

        assertThat(plan.stops()).extracting(ServiceAction.StopTask::taskArn).containsExactly(tasks.get(0).taskArn());
        assertThat(messages(plan.service())).contains(
                "(service web) was unable to scale in due to (reason: 1 tasks under protection).");
        assertThat(plan.recheckAt()).isEqualTo(EXPIRY);

        List<Task> left = tasks.subList(1, 3);
        ServicePlan again = world.plan(plan.service(), left, T0.plusSeconds(60), protectedUntil);
        assertThat(again.stops()).isEmpty();
        assertThat(messages(again.service())).filteredOn(m -> m.contains("under protection")).hasSize(1);

        ServicePlan expired = world.plan(again.service(), left, EXPIRY, protectedUntil);
        assertThat(expired.stops()).extracting(ServiceAction.StopTask::taskArn).containsExactly(tasks.get(2).taskArn());
    }

    @Test
    void withoutProtectionTheNewestTasksStopAsBefore() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 3, RolloutState.COMPLETED)));
        List<Task> tasks = world.many(3, () -> world.running(D1, TD1));
        Map<String, Instant> expired = Map.of(tasks.get(2).taskArn(), T0.minusSeconds(1));

        ServicePlan plan = world.plan(service, tasks, T0, expired);

        assertThat(plan.stops()).extracting(ServiceAction.StopTask::taskArn)
                .containsExactlyInAnyOrder(tasks.get(1).taskArn(), tasks.get(2).taskArn());
        assertThat(messages(plan.service())).noneMatch(m -> m.contains("under protection"));
    }

    @Test
    void aDeploymentLeavesAProtectedOldTaskRunningAndCompletesOnlyAfterItsProtectionEnds() {
        Service service = service(2, configuration(100, 200), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 2, RolloutState.IN_PROGRESS),
                deployment(D1, DeploymentStatus.ACTIVE, TD1, 2, RolloutState.COMPLETED)));
        List<Task> old = world.many(2, () -> world.running(D1, TD1));
        List<Task> all = new ArrayList<>(old);
        all.addAll(world.many(2, () -> world.running(D2, TD2)));
        Map<String, Instant> protectedUntil = Map.of(old.get(0).taskArn(), EXPIRY);

        ServicePlan plan = world.plan(service, all, T0, protectedUntil);

        assertThat(plan.stops()).extracting(ServiceAction.StopTask::taskArn).containsExactly(old.get(1).taskArn());
        assertThat(plan.service().deployments()).hasSize(2);
        assertThat(messages(plan.service())).contains(
                "(service web) was unable to scale in due to (reason: 1 tasks under protection).")
                .noneMatch(m -> m.contains("because of the service deployment configuration"));

        List<Task> remaining = new ArrayList<>(all);
        remaining.remove(old.get(1));
        ServicePlan waiting = world.plan(plan.service(), remaining, T0.plusSeconds(30), protectedUntil);
        assertThat(waiting.stops()).isEmpty();
        assertThat(waiting.service().deployments()).hasSize(2);

        ServicePlan expired = world.plan(waiting.service(), remaining, EXPIRY, protectedUntil);
        assertThat(expired.stops()).extracting(ServiceAction.StopTask::taskArn).containsExactly(old.get(0).taskArn());
    }
}
