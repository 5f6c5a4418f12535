package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.CLUSTER;
import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.ServiceFixtures.TD_CHECKED;
import static dev.ecsd.control.ServiceFixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.StabilityStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskSetStatus;
import dev.ecsd.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskSetPlannerTest {
    private static final String BLUE = "ecs-svc/1111111111111111111";
    private static final String GREEN = "ecs-svc/2222222222222222222";
    private final ServiceFixtures world = new ServiceFixtures();

    static TaskSet set(String id, TaskSetStatus status, String taskDefinition, double percent, int desired) {
        return new TaskSet(id, "arn:aws:ecs:us-east-1:000000000000:task-set/c/web/" + id, null, null, status,
                taskDefinition, TaskSet.computedDesiredCount(desired, percent), percent, T0, T0, "FARGATE", null,
                "LATEST", null, List.of(), List.of(), StabilityStatus.STABILIZING, T0, List.of());
    }

    static Service external(int desired, List<TaskSet> sets) {
        return new Service.Builder()
                .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/c/web")
                .serviceName("web")
                .clusterArn(CLUSTER)
                .status(ServiceStatus.ACTIVE)
                .desiredCount(desired)
                .healthCheckGracePeriodSeconds(0)
                .schedulingStrategy("REPLICA")
                .deploymentController(Service.EXTERNAL)
                .createdAt(T0)
                .deployments(List.of())
                .taskSets(sets)
                .events(List.of())
                .build();
    }

    private ServicePlan plan(Service service, List<Task> tasks, Instant now) {
        AtomicInteger ids = new AtomicInteger();
        return TaskSetPlanner.plan(new ServicePlanner.ServiceView(service, tasks, world.definitions, now,
                () -> "event-" + ids.incrementAndGet(), Map.of(), Set.of(), Map.of()));
    }

    @Test
    void computedDesiredCountRoundsUpTheScaleOfTheServiceDesiredCount() {
        assertThat(TaskSet.computedDesiredCount(10, 30)).isEqualTo(3);
        assertThat(TaskSet.computedDesiredCount(3, 10)).isEqualTo(1);
        assertThat(TaskSet.computedDesiredCount(3, 100.0 / 3)).isEqualTo(1);
        assertThat(TaskSet.computedDesiredCount(4, 0)).isZero();
        assertThat(TaskSet.computedDesiredCount(4, 100)).isEqualTo(4);
    }

    @Test
    void eachSetStartsItsComputedCountOfItsOwnTaskDefinition() {
        Service service = external(4, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 100, 4),
                set(GREEN, TaskSetStatus.ACTIVE, TD2, 50, 4)));
        ServicePlan plan = plan(service, List.of(world.running(BLUE, TD1)), T0);
        assertThat(plan.launches()).containsExactly(new ServiceAction.StartTasks(BLUE, 3, 0),
                new ServiceAction.StartTasks(GREEN, 2, 0));
        assertThat(plan.stops()).isEmpty();
    }

    @Test
    void aSetScaledToZeroStopsItsTasksNewestFirstAndASetAtItsCountIsSteady() {
        Service service = external(2, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 0, 2),
                set(GREEN, TaskSetStatus.ACTIVE, TD2, 100, 2)));
        List<Task> blue = world.many(2, () -> world.running(BLUE, TD1));
        List<Task> tasks = new ArrayList<>(blue);
        tasks.addAll(world.many(2, () -> world.running(GREEN, TD2)));
        ServicePlan plan = plan(service, tasks, T0);
        assertThat(plan.launches()).isEmpty();
        assertThat(plan.stops()).extracting(ServiceAction.StopTask::taskArn)
                .containsExactly(blue.get(1).taskArn(), blue.get(0).taskArn());
        assertThat(plan.stops()).allSatisfy(s -> assertThat(s.reason())
                .isEqualTo("Scaling activity initiated by (deployment " + BLUE + ")"));
        assertThat(plan.service().taskSet(GREEN).orElseThrow().stabilityStatus())
                .isEqualTo(StabilityStatus.STEADY_STATE);
        assertThat(plan.service().taskSet(BLUE).orElseThrow().stabilityStatus())
                .isEqualTo(StabilityStatus.STABILIZING);
    }

    @Test
    void aSetReachesSteadyStateOnlyWhenItsTasksAreHealthy() {
        Service service = external(1, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD_CHECKED, 100, 1)));
        Task starting = world.task(BLUE, TD_CHECKED, TaskStatus.RUNNING, HealthStatus.UNKNOWN);
        ServicePlan unknown = plan(service, List.of(starting), T0);
        assertThat(unknown.launches()).isEmpty();
        assertThat(unknown.stops()).isEmpty();
        assertThat(unknown.service().taskSet(BLUE).orElseThrow().stabilityStatus())
                .isEqualTo(StabilityStatus.STABILIZING);

        Task healthy = starting.toBuilder().healthStatus(HealthStatus.HEALTHY).build();
        ServicePlan steady = plan(service, List.of(healthy), T0.plusSeconds(5));
        TaskSet blue = steady.service().taskSet(BLUE).orElseThrow();
        assertThat(blue.stabilityStatus()).isEqualTo(StabilityStatus.STEADY_STATE);
        assertThat(blue.stabilityStatusAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(messages(steady.service())).containsExactly("(service web) has reached a steady state.");
        assertThat(plan(steady.service(), List.of(healthy), T0.plusSeconds(10)).changesNothing(steady.service()))
                .isTrue();
    }

    @Test
    void anUnhealthyTaskIsReplaced() {
        Service service = external(1, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD_CHECKED, 100, 1)));
        Task sick = world.task(BLUE, TD_CHECKED, TaskStatus.RUNNING, HealthStatus.UNHEALTHY);
        ServicePlan plan = plan(service, List.of(sick), T0.plusSeconds(30));
        assertThat(plan.stops()).containsExactly(new ServiceAction.StopTask(sick.taskArn(),
                ServicePlanner.HEALTH_CHECK_REASON));
        assertThat(plan.launches()).containsExactly(new ServiceAction.StartTasks(BLUE, 1, 1));
    }

    @Test
    void aServiceDesiredCountChangeRecomputesEverySet() {
        Service service = external(4, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 50, 2)));
        ServicePlan plan = plan(service, List.of(world.running(BLUE, TD1)), T0.plusSeconds(1));
        assertThat(plan.service().taskSet(BLUE).orElseThrow().computedDesiredCount()).isEqualTo(2);
        assertThat(plan.launches()).containsExactly(new ServiceAction.StartTasks(BLUE, 1, 0));
    }

    @Test
    void aDrainingSetStopsItsTasksAndIsForgottenOnceTheyHaveStopped() {
        Service service = external(2, List.of(set(BLUE, TaskSetStatus.DRAINING, TD1, 100, 2),
                set(GREEN, TaskSetStatus.PRIMARY, TD2, 100, 2)));
        List<Task> blue = world.many(2, () -> world.running(BLUE, TD1));
        List<Task> green = world.many(2, () -> world.running(GREEN, TD2));
        List<Task> tasks = new ArrayList<>(blue);
        tasks.addAll(green);
        ServicePlan draining = plan(service, tasks, T0);
        assertThat(draining.stops()).hasSize(2);
        assertThat(draining.service().taskSet(BLUE)).isPresent();

        List<Task> after = new ArrayList<>(green);
        blue.forEach(t -> after.add(world.task(BLUE, TD1, TaskStatus.STOPPED, HealthStatus.UNKNOWN)));
        ServicePlan gone = plan(draining.service(), after, T0.plusSeconds(30));
        assertThat(gone.service().taskSet(BLUE)).isEmpty();
        assertThat(gone.service().taskSets()).extracting(TaskSet::id).containsExactly(GREEN);
    }

    @Test
    void aDeletedExternalServiceStopsEveryTaskAndBecomesInactive() {
        Service service = external(2, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 100, 2))).toBuilder()
                .status(ServiceStatus.DRAINING).desiredCount(0).build();
        List<Task> blue = world.many(2, () -> world.running(BLUE, TD1));
        assertThat(plan(service, blue, T0).stops()).hasSize(2);
        List<Task> stopped = List.of(world.task(BLUE, TD1, TaskStatus.STOPPED, HealthStatus.UNKNOWN));
        assertThat(plan(service, stopped, T0.plusSeconds(30)).service().status()).isEqualTo(ServiceStatus.INACTIVE);
    }

    @Test
    void tasksThatKeepFailingToStartAreThrottled() {
        Service service = external(1, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 100, 1)));
        List<Task> failed = world.many(3, () -> world.failedToStart(BLUE, TD1));
        ServicePlan throttled = plan(service, failed, T0);
        assertThat(throttled.launches()).isEmpty();
        assertThat(throttled.service().consecutiveStartFailures()).isEqualTo(3);
        assertThat(messages(throttled.service()))
                .containsExactly("(service web) is unable to consistently start tasks successfully.");
        Instant until = throttled.service().throttledUntil();
        assertThat(throttled.recheckAt()).isEqualTo(until).isAfter(T0);

        assertThat(plan(throttled.service(), failed, until.minusSeconds(1)).launches()).isEmpty();
        assertThat(plan(throttled.service(), failed, until).launches())
                .containsExactly(new ServiceAction.StartTasks(BLUE, 1, 0));
    }

    @Test
    void aProtectedTaskIsNotScaledIn() {
        Service service = external(1, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 0, 1)));
        Task guarded = world.running(BLUE, TD1);
        AtomicInteger ids = new AtomicInteger();
        ServicePlan plan = TaskSetPlanner.plan(new ServicePlanner.ServiceView(service, List.of(guarded),
                world.definitions, T0, () -> "e" + ids.incrementAndGet(), Map.of(), Set.of(),
                Map.of(guarded.taskArn(), T0.plusSeconds(60))));
        assertThat(plan.stops()).isEmpty();
        assertThat(plan.recheckAt()).isEqualTo(T0.plusSeconds(60));
    }
}
