package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.ServiceFixtures.TD_CHECKED;
import static dev.ecsd.control.ServiceFixtures.configuration;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.messages;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.CircuitBreakerOptions;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePlannerTest {
    private static final String D1 = "ecs-svc/1111111111111111111";
    private static final String D2 = "ecs-svc/2222222222222222222";
    private final ServiceFixtures world = new ServiceFixtures();

    @Test
    void aNewServiceStartsItsDesiredCount() {
        Service service = service(3, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 3, RolloutState.IN_PROGRESS)));
        ServicePlan plan = world.plan(service, List.of(), T0);
        assertThat(plan.launches()).containsExactly(new ServiceAction.StartTasks(D1, 3, 0));
        assertThat(plan.stops()).isEmpty();
    }

    @Test
    void theFirstDeploymentCompletesAndTheServiceReachesASteadyStateOnce() {
        Service service = service(2, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 2, RolloutState.IN_PROGRESS)));
        List<Task> tasks = world.many(2, () -> world.running(D1, TD1));
        ServicePlan plan = world.plan(service, tasks, T0);
        Deployment primary = plan.service().deployments().getFirst();
        assertThat(primary.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(primary.rolloutStateReason()).isEqualTo("ECS deployment " + D1 + " completed.");
        assertThat(messages(plan.service())).containsExactly(
                "(service web) has reached a steady state.",
                "(service web) (deployment " + D1 + ") deployment completed.");
        assertThat(plan.service().lastCompletedDeployment().id()).isEqualTo(D1);

        ServicePlan again = world.plan(plan.service(), tasks, T0.plusSeconds(60));
        assertThat(again.changesNothing(plan.service())).isTrue();
        ServicePlan later = world.plan(plan.service(), tasks, T0.plus(Duration.ofHours(6)));
        assertThat(messages(later.service()).getFirst()).isEqualTo("(service web) has reached a steady state.");
        assertThat(messages(later.service())).hasSize(3);
    }

    @Test
    void aServiceReplacingACrashingTaskSaysItIsSteadyOnlyOnceInSixHours() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.IN_PROGRESS)));
        ServicePlan steady = world.plan(service, List.of(world.running(D1, TD1)), T0);
        assertThat(messages(steady.service())).contains("(service web) has reached a steady state.");

        Service current = steady.service();
        for (int crash = 1; crash <= 5; crash++) {
            // the task ran, its essential container exited, and the service starts another
            Task crashed = world.running(D1, TD1).toBuilder().lastStatus(TaskStatus.STOPPED)
                    .desiredStatus(DesiredStatus.STOPPED).stopCode(TaskStopCode.EssentialContainerExited)
                    .stoppedAt(T0.plusSeconds(crash * 10L)).build();
            ServicePlan replace = world.plan(current, List.of(crashed), T0.plusSeconds(crash * 10L));
            assertThat(replace.launches()).hasSize(1);
            current = world.plan(replace.service(), List.of(crashed, world.running(D1, TD1)),
                    T0.plusSeconds(crash * 10L + 5)).service();
        }
        assertThat(messages(current)).filteredOn(m -> m.endsWith("has reached a steady state.")).hasSize(1);

        ServicePlan later = world.plan(current, List.of(world.running(D1, TD1)), T0.plus(Duration.ofHours(6)));
        assertThat(messages(later.service())).filteredOn(m -> m.endsWith("has reached a steady state.")).hasSize(2);
    }

    @Test
    void aRollingUpdateStartsNewTasksBeforeStoppingOldOnesAtDefaultLimits() {
        Service service = service(3, configuration(100, 200), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 3, RolloutState.IN_PROGRESS),
                deployment(D1, DeploymentStatus.ACTIVE, TD1, 3, RolloutState.COMPLETED)));
        List<Task> old = world.many(3, () -> world.running(D1, TD1));
        ServicePlan first = world.plan(service, old, T0);
        assertThat(first.launches()).containsExactly(new ServiceAction.StartTasks(D2, 3, 0));
        assertThat(first.stops()).isEmpty();

        List<Task> withNewPending = new ArrayList<>(old);
        withNewPending.addAll(world.many(3, () -> world.pending(D2, TD2)));
        ServicePlan waiting = world.plan(first.service(), withNewPending, T0);
        assertThat(waiting.launches()).isEmpty();
        assertThat(waiting.stops()).isEmpty();

        List<Task> withNewRunning = new ArrayList<>(old);
        withNewRunning.addAll(world.many(3, () -> world.running(D2, TD2)));
        ServicePlan replace = world.plan(first.service(), withNewRunning, T0);
        assertThat(replace.stops()).extracting(ServiceAction.StopTask::taskArn)
                .containsExactlyInAnyOrderElementsOf(old.stream().map(Task::taskArn).toList());
        assertThat(replace.stops()).allMatch(s -> s.reason().equals("Scaling activity initiated by (deployment " + D2 + ")"));
        assertThat(messages(replace.service()).getFirst()).startsWith("(service web) has stopped 3 running tasks: (task ");
    }

    @Test
    void withHalfTheMinimumAndNoSurgeHalfTheOldTasksStopFirst() {
        Service service = service(4, configuration(50, 100), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 4, RolloutState.IN_PROGRESS),
                deployment(D1, DeploymentStatus.ACTIVE, TD1, 4, RolloutState.COMPLETED)));
        List<Task> old = world.many(4, () -> world.running(D1, TD1));
        ServicePlan plan = world.plan(service, old, T0);
        assertThat(plan.stops()).hasSize(2);
        assertThat(plan.launches()).isEmpty();
        // Tasks being stopped still run until they have stopped; then there is room for new ones.
        List<Task> afterStops = old.stream().filter(t -> plan.stops().stream()
                .noneMatch(s -> s.taskArn().equals(t.taskArn()))).toList();
        ServicePlan next = world.plan(plan.service(), afterStops, T0);
        assertThat(next.launches()).containsExactly(new ServiceAction.StartTasks(D2, 2, 0));
        assertThat(next.stops()).isEmpty();
    }

    @Test
    void limitsThatLeaveNoRoomAreReportedOnce() {
        Service service = service(1, configuration(100, 100), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 1, RolloutState.IN_PROGRESS),
                deployment(D1, DeploymentStatus.ACTIVE, TD1, 1, RolloutState.COMPLETED)));
        List<Task> old = List.of(world.running(D1, TD1));
        ServicePlan plan = world.plan(service, old, T0);
        assertThat(plan.launches()).isEmpty();
        assertThat(plan.stops()).isEmpty();
        assertThat(messages(plan.service())).containsExactly("(service web) was unable to stop or start tasks during a "
                + "deployment because of the service deployment configuration. Update the minimumHealthyPercent or "
                + "maximumPercent value and try again.");
        ServicePlan again = world.plan(plan.service(), old, T0.plusSeconds(30));
        assertThat(messages(again.service())).hasSize(1);
    }

    @Test
    void anUnhealthyTaskIsReplacedOnceItsGracePeriodIsOver() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD_CHECKED, 1, RolloutState.COMPLETED)))
                .toBuilder().healthCheckGracePeriodSeconds(60).build();
        Task sick = world.task(D1, TD_CHECKED, TaskStatus.RUNNING, HealthStatus.UNHEALTHY);
        ServicePlan inGrace = world.plan(service, List.of(sick), T0.plusSeconds(30));
        assertThat(inGrace.stops()).isEmpty();
        assertThat(inGrace.recheckAt()).isEqualTo(T0.plusSeconds(60));

        ServicePlan after = world.plan(service, List.of(sick), T0.plusSeconds(61));
        assertThat(after.stops()).containsExactly(new ServiceAction.StopTask(sick.taskArn(),
                "Task failed container health checks"));
        assertThat(after.launches()).containsExactly(new ServiceAction.StartTasks(D1, 1, 1));
        assertThat(messages(after.service())).contains(
                "(service web) (task " + sick.taskId() + ") failed container health checks.");
    }

    @Test
    void aTaskWithHealthChecksCountsAsHealthyOnlyWhenHealthy() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD_CHECKED, 1, RolloutState.IN_PROGRESS)));
        Task starting = world.task(D1, TD_CHECKED, TaskStatus.RUNNING, HealthStatus.UNKNOWN);
        assertThat(world.plan(service, List.of(starting), T0).service().deployments().getFirst().rolloutState())
                .isEqualTo(RolloutState.IN_PROGRESS);
        Task healthy = starting.toBuilder().healthStatus(HealthStatus.HEALTHY).build();
        assertThat(world.plan(service, List.of(healthy), T0).service().deployments().getFirst().rolloutState())
                .isEqualTo(RolloutState.COMPLETED);
    }

    @Test
    void theCircuitBreakerFailsTheDeploymentAndRollsBackToTheLastCompletedOne() {
        Deployment completed = deployment(D1, DeploymentStatus.ACTIVE, TD1, 2, RolloutState.COMPLETED);
        Service service = service(2, ServiceFixtures.breaker(true), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 2, RolloutState.IN_PROGRESS), completed))
                .toBuilder().lastCompletedDeployment(completed).taskDefinition(TD2).build();
        List<Task> tasks = new ArrayList<>(world.many(2, () -> world.running(D1, TD1)));
        tasks.addAll(world.many(3, () -> world.failedToStart(D2, TD2)));
        ServicePlan plan = world.plan(service, tasks, T0);
        Service after = plan.service();
        Deployment primary = after.primary().orElseThrow();
        assertThat(primary.id()).isEqualTo(D1);
        assertThat(primary.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(primary.rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + D1 + ".");
        Deployment failed = after.deployments().stream().filter(d -> d.id().equals(D2)).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.ACTIVE);
        assertThat(failed.rolloutState()).isEqualTo(RolloutState.FAILED);
        assertThat(failed.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(after.taskDefinition()).isEqualTo(TD1);
        assertThat(messages(after)).contains(
                "(service web) (deployment " + D2 + ") deployment failed: tasks failed to start.",
                "(service web) rolling back to deployment " + D1 + ".");
        assertThat(plan.launches()).isEmpty();

        List<Task> settled = tasks.stream().filter(Task::isStopped).toList();
        List<Task> rolledBack = new ArrayList<>(settled);
        rolledBack.addAll(tasks.stream().filter(t -> !t.isStopped()).toList());
        ServicePlan done = world.plan(after, rolledBack, T0.plusSeconds(1));
        assertThat(done.service().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(done.service().deployments()).hasSize(1);
    }

    @Test
    void aRollbackGivesTheServiceBackTheLaunchSettingsOfTheDeploymentItReturnsTo() {
        NetworkConfiguration oldNetwork = network("subnet-old");
        Deployment completed = new Deployment(D1, DeploymentStatus.ACTIVE, TD1, 1, 0, T0, T0, "FARGATE", null, "1.4.0",
                oldNetwork, RolloutState.COMPLETED, "ECS deployment " + D1 + " completed.");
        Service service = service(1, ServiceFixtures.breaker(true), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 1, RolloutState.IN_PROGRESS), completed))
                .toBuilder().lastCompletedDeployment(completed).taskDefinition(TD2).platformVersion("LATEST")
                .networkConfiguration(network("subnet-new"))
                .build();
        List<Task> tasks = world.many(3, () -> world.failedToStart(D2, TD2));

        Service after = world.plan(service, tasks, T0).service();

        assertThat(after.primary().orElseThrow().id()).isEqualTo(D1);
        assertThat(after.networkConfiguration()).isEqualTo(oldNetwork);
        assertThat(after.platformVersion()).isEqualTo("1.4.0");
        assertThat(after.taskDefinition()).isEqualTo(TD1);
    }

    @Test
    void tasksAUserStoppedAreNeitherBreakerFailuresNorStartFailures() {
        Service service = service(2, ServiceFixtures.breaker(true),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 2, RolloutState.IN_PROGRESS)));
        List<Task> stoppedByUser = world.many(4, () -> world.failedToStart(D1, TD1).toBuilder()
                .stopCode(dev.ecsd.model.TaskStopCode.UserInitiated).stoppedReason("manual stop").build());

        ServicePlan plan = world.plan(service, stoppedByUser, T0);

        assertThat(plan.service().primary().orElseThrow().failedTasks()).isZero();
        assertThat(plan.service().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(plan.service().consecutiveStartFailures()).isZero();
        assertThat(plan.launches()).containsExactly(new ServiceAction.StartTasks(D1, 2, 0));
    }

    @Test
    void tasksTheHostLostAreNeitherBreakerFailuresNorStartFailuresAndAreReplacedAtOnce() {
        // ecsd restarted on the simulated runtime: its agent lost every task, three before they had started.
        Service service = service(6, ServiceFixtures.breaker(true),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 6, RolloutState.IN_PROGRESS)));
        List<Task> lost = new ArrayList<>(world.many(3, () -> lostWithHost(world.pending(D1, TD1))));
        lost.addAll(world.many(3, () -> lostWithHost(world.running(D1, TD1))));

        ServicePlan plan = world.plan(service, lost, T0);

        assertThat(plan.service().consecutiveStartFailures()).isZero();
        assertThat(plan.service().throttledUntil()).isNull();
        assertThat(plan.service().primary().orElseThrow().failedTasks()).isZero();
        assertThat(plan.service().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(plan.launches()).as("replacements at once, while the lost tasks are still on their way down")
                .containsExactly(new ServiceAction.StartTasks(D1, 6, 0));
        assertThat(messages(plan.service())).noneMatch(m -> m.contains("unable to consistently start tasks"));

        // The same tasks failing to start themselves do count.
        List<Task> failed = lost.stream().map(t -> t.toBuilder().stopCode(TaskStopCode.TaskFailedToStart)
                .lastStatus(TaskStatus.STOPPED).startedAt(null).stoppedAt(T0).build()).toList();
        ServicePlan failing = world.plan(service, failed, T0);
        assertThat(failing.service().consecutiveStartFailures()).isEqualTo(6);
        assertThat(failing.service().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.FAILED);
    }

    /** The task as the agent reports it when the host lost it while the agent was down: on its way to STOPPED. */
    private static Task lostWithHost(Task task) {
        return task.toBuilder().desiredStatus(DesiredStatus.STOPPED).stopCode(TaskStopCode.InfrastructureHealth)
                .stoppedReason("Task stopped because the underlying host lost it while the agent was down")
                .stoppingAt(T0).build();
    }

    @Test
    void withoutACompletedDeploymentATrippedBreakerStallsTheRollout() {
        Service service = service(2, ServiceFixtures.breaker(true),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 2, RolloutState.IN_PROGRESS)));
        List<Task> tasks = world.many(3, () -> world.failedToStart(D1, TD1));
        ServicePlan plan = world.plan(service, tasks, T0);
        assertThat(plan.service().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.FAILED);
        assertThat(plan.launches()).isEmpty();
        ServicePlan later = world.plan(plan.service(), tasks, T0.plusSeconds(600));
        assertThat(later.launches()).isEmpty();
    }

    @Test
    void theBreakerThresholdIsHalfTheDesiredCountBetween3And200() {
        assertThat(RollingMath.circuitBreakerThreshold(1)).isEqualTo(3);
        assertThat(RollingMath.circuitBreakerThreshold(7)).isEqualTo(4);
        assertThat(RollingMath.circuitBreakerThreshold(25)).isEqualTo(13);
        assertThat(RollingMath.circuitBreakerThreshold(400)).isEqualTo(200);
        assertThat(RollingMath.circuitBreakerThreshold(1000)).isEqualTo(200);
    }

    @Test
    void repeatedStartFailuresThrottleLaunchesUpTo27Minutes() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.IN_PROGRESS)));
        List<Task> failures = new ArrayList<>();
        ServicePlan plan = null;
        for (int i = 0; i < 3; i++) {
            failures.add(world.failedToStart(D1, TD1));
            plan = world.plan(plan == null ? service : plan.service(), failures, T0);
        }
        assertThat(plan.service().consecutiveStartFailures()).isEqualTo(3);
        assertThat(plan.service().throttledUntil()).isEqualTo(T0.plus(ServicePlanner.THROTTLE_BASE));
        assertThat(plan.launches()).isEmpty();
        assertThat(messages(plan.service())).containsOnlyOnce(
                "(service web) is unable to consistently start tasks successfully.");
        ServicePlan afterDelay = world.plan(plan.service(), failures, T0.plus(ServicePlanner.THROTTLE_BASE));
        assertThat(afterDelay.launches()).containsExactly(new ServiceAction.StartTasks(D1, 1, 0));

        assertThat(ServicePlanner.throttleDelay(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ServicePlanner.throttleDelay(50)).isEqualTo(Duration.ofMinutes(27));

        List<Task> recovered = new ArrayList<>(failures);
        recovered.add(world.running(D1, TD1));
        ServicePlan ok = world.plan(plan.service(), recovered, T0.plusSeconds(1));
        assertThat(ok.service().consecutiveStartFailures()).isZero();
        assertThat(ok.service().throttledUntil()).isNull();
    }

    @Test
    void scalingInStopsTheSurplusWithEcsReason() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 3, RolloutState.COMPLETED)));
        List<Task> tasks = world.many(3, () -> world.running(D1, TD1));
        ServicePlan plan = world.plan(service, tasks, T0);
        assertThat(plan.stops()).hasSize(2)
                .allMatch(s -> s.reason().equals("Scaling activity initiated by (deployment " + D1 + ")"));
        assertThat(plan.launches()).isEmpty();
    }

    @Test
    void aDrainingServiceStopsEverythingThenBecomesInactive() {
        Service service = service(0, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 2, RolloutState.COMPLETED)))
                .toBuilder().status(ServiceStatus.DRAINING).build();
        List<Task> tasks = world.many(2, () -> world.running(D1, TD1));
        ServicePlan plan = world.plan(service, tasks, T0);
        assertThat(plan.stops()).hasSize(2);
        assertThat(plan.service().status()).isEqualTo(ServiceStatus.DRAINING);
        List<Task> stopped = tasks.stream().map(t -> t.toBuilder().lastStatus(TaskStatus.STOPPED)
                .desiredStatus(dev.ecsd.model.DesiredStatus.STOPPED)
                .stopCode(dev.ecsd.model.TaskStopCode.ServiceSchedulerInitiated).build()).toList();
        assertThat(world.plan(plan.service(), stopped, T0).service().status()).isEqualTo(ServiceStatus.INACTIVE);
    }
    @Test
    void aTaskOnItsWayDownAfterFailingToStartCountsAtOnceSoTheThrottleHoldsItsReplacement() {
        Service service = service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.IN_PROGRESS)));
        List<Task> failures = new ArrayList<>(world.many(2, () -> world.failedToStart(D1, TD1)));
        Task stopping = world.failedToStart(D1, TD1).toBuilder().lastStatus(TaskStatus.DEPROVISIONING)
                .stoppedAt(null).build();
        failures.add(stopping);
        ServicePlan plan = world.plan(service, failures, T0);
        assertThat(plan.service().consecutiveStartFailures()).isEqualTo(3);
        assertThat(plan.launches()).as("no replacement while throttled").isEmpty();
        assertThat(plan.service().primary().orElseThrow().failedTasks()).isEqualTo(3);

        List<Task> settled = new ArrayList<>(failures.subList(0, 2));
        settled.add(stopping.toBuilder().lastStatus(TaskStatus.STOPPED).stoppedAt(T0).build());
        ServicePlan later = world.plan(plan.service(), settled, T0.plusSeconds(1));
        assertThat(later.service().consecutiveStartFailures()).as("counted once").isEqualTo(3);
        assertThat(later.service().primary().orElseThrow().failedTasks()).isEqualTo(3);
    }

    @Test
    void whenTheBreakerTripsTheThrottleStaysSilent() {
        Service service = service(2, ServiceFixtures.breaker(false),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 2, RolloutState.IN_PROGRESS)));
        ServicePlan plan = world.plan(service, world.many(3, () -> world.failedToStart(D1, TD1)), T0);
        assertThat(plan.service().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.FAILED);
        assertThat(messages(plan.service())).containsExactly(
                "(service web) (deployment " + D1 + ") deployment failed: tasks failed to start.");
        assertThat(plan.service().throttledUntil()).isNull();
    }

    @Test
    void aHealthyTaskResetsTheFailureCountUnlessResetOnHealthyTaskIsFalse() {
        for (boolean reset : List.of(true, false)) {
            DeploymentConfiguration configuration = new DeploymentConfiguration(100, 200, true, false,
                    new CircuitBreakerOptions(reset, null), java.util.Map.of());
            Service service = service(10, configuration,
                    List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 10, RolloutState.IN_PROGRESS)));
            List<Task> tasks = new ArrayList<>(world.many(2, () -> world.failedToStart(D1, TD1)));
            ServicePlan failed = world.plan(service, tasks, T0);
            assertThat(failed.service().primary().orElseThrow().failedTasks()).isEqualTo(2);

            tasks.add(world.running(D1, TD1));
            ServicePlan healthy = world.plan(failed.service(), tasks, T0.plusSeconds(1));
            assertThat(healthy.service().primary().orElseThrow().failedTasks()).as("resetOnHealthyTask " + reset)
                    .isEqualTo(reset ? 0 : 2);
        }
    }

    @Test
    void aThresholdConfigurationChangesTheThreshold() {
        assertThat(ServicePlanner.circuitBreakerThreshold(10, threshold("COUNT", 1))).isEqualTo(1);
        assertThat(ServicePlanner.circuitBreakerThreshold(10, threshold("COUNT", 7))).isEqualTo(7);
        assertThat(ServicePlanner.circuitBreakerThreshold(10, threshold("UNBOUNDED_PERCENT", 10))).isEqualTo(1);
        assertThat(ServicePlanner.circuitBreakerThreshold(1000, threshold("UNBOUNDED_PERCENT", 50))).isEqualTo(500);
        assertThat(ServicePlanner.circuitBreakerThreshold(10, threshold("BOUNDED_PERCENT", 10))).isEqualTo(3);
        assertThat(ServicePlanner.circuitBreakerThreshold(1000, threshold("BOUNDED_PERCENT", 50))).isEqualTo(200);
        assertThat(ServicePlanner.circuitBreakerThreshold(10, ServiceFixtures.breaker(true))).isEqualTo(5);
    }

    private static DeploymentConfiguration threshold(String type, int value) {
        return new DeploymentConfiguration(100, 200, true, true,
                new CircuitBreakerOptions(null, new CircuitBreakerOptions.ThresholdConfiguration(type, value)),
                java.util.Map.of());
    }

    private static NetworkConfiguration network(String subnet) {
        return new NetworkConfiguration(new NetworkConfiguration.AwsVpcConfiguration(List.of(subnet), null, null));
    }
}
