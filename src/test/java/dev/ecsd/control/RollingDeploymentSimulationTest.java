package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs whole rollouts through the planner over every combination of desired count, minimumHealthyPercent and
 * maximumPercent (and a few starting mixes of healthy, unhealthy and pending tasks), with a world where launched
 * tasks start one round later and stopped tasks are gone one round later. Checks ECS's limits hold at every step
 * and that the rollout ends exactly when the limits leave room for it.
 */
class RollingDeploymentSimulationTest {
    private static final String D1 = "ecs-svc/1000000000000000001";
    private static final String D2 = "ecs-svc/1000000000000000002";

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (int desired = 0; desired <= 6; desired++) {
            for (int min : new int[] {0, 25, 50, 75, 100}) {
                for (int max : new int[] {100, 125, 150, 200}) {
                    for (int pendingOld = 0; pendingOld <= 1; pendingOld++) {
                        all.add(Arguments.of(desired, min, max, pendingOld));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "desired {0}, min {1}%, max {2}%, {3} old pending")
    @MethodSource("combinations")
    void aRolloutKeepsWithinItsLimitsAndFinishesWhenTheyAllowIt(int desired, int min, int max, int pendingOld) {
        ServiceFixtures world = new ServiceFixtures();
        Deployment old = ServiceFixtures.deployment(D1, DeploymentStatus.ACTIVE, TD1, desired, RolloutState.COMPLETED);
        Service service = ServiceFixtures.service(desired, ServiceFixtures.configuration(min, max), List.of(
                ServiceFixtures.deployment(D2, DeploymentStatus.PRIMARY, TD2, desired, RolloutState.IN_PROGRESS), old))
                .toBuilder().lastCompletedDeployment(old).build();
        List<Task> tasks = new ArrayList<>(world.many(Math.max(0, desired - pendingOld), () -> world.running(D1, TD1)));
        tasks.addAll(world.many(Math.min(desired, pendingOld), () -> world.pending(D1, TD1)));

        int minimumHealthy = RollingMath.minimumHealthy(desired, min);
        int maximumTasks = RollingMath.maximumTasks(desired, max);
        // Old tasks that are not healthy yet may always be replaced; healthy ones only within the limits.
        boolean roomToMove = maximumTasks > desired || minimumHealthy < desired || pendingOld >= desired;
        boolean completed = false;
        for (int round = 0; round < 40 && !completed; round++) {
            int healthyBefore = healthy(tasks);
            int liveBefore = live(tasks).size();
            ServicePlan plan = world.plan(service, tasks, T0.plusSeconds(round));
            service = plan.service();

            List<Task> next = new ArrayList<>();
            for (Task task : tasks) {
                if (task.isStopped()) {
                    continue;
                }
                boolean stopping = task.desiredStatus() == DesiredStatus.STOPPED
                        || plan.stops().stream().anyMatch(s -> s.taskArn().equals(task.taskArn()));
                if (stopping) {
                    next.add(task.toBuilder().lastStatus(TaskStatus.STOPPED).desiredStatus(DesiredStatus.STOPPED)
                            .stopCode(TaskStopCode.ServiceSchedulerInitiated).build());
                } else if (task.lastStatus() == TaskStatus.PENDING) {
                    next.add(task.toBuilder().lastStatus(TaskStatus.RUNNING).startedAt(T0).build());
                } else {
                    next.add(task);
                }
            }
            int healthyAfterStops = (int) tasks.stream()
                    .filter(t -> !t.isStopped() && t.lastStatus() == TaskStatus.RUNNING)
                    .filter(t -> plan.stops().stream().noneMatch(s -> s.taskArn().equals(t.taskArn())))
                    .count();
            assertThat(healthyAfterStops)
                    .as("round %d: healthy tasks after stops", round)
                    .isGreaterThanOrEqualTo(Math.min(minimumHealthy, healthyBefore));
            int launched = plan.launches().stream().mapToInt(ServiceAction.StartTasks::count).sum();
            for (ServiceAction.StartTasks launch : plan.launches()) {
                assertThat(launch.deploymentId()).isEqualTo(D2);
                next.addAll(world.many(launch.count(), () -> world.pending(D2, TD2)));
            }
            int liveAfter = liveBefore - (int) plan.stops().size() + launched;
            assertThat(liveAfter).as("round %d: tasks after launches", round)
                    .isLessThanOrEqualTo(Math.max(maximumTasks, liveBefore));
            tasks.clear();
            tasks.addAll(next);
            completed = service.primary().orElseThrow().rolloutState() == RolloutState.COMPLETED;
        }
        if (roomToMove || desired == 0) {
            assertThat(completed).as("the rollout completes").isTrue();
            assertThat(live(tasks)).hasSize(desired).allMatch(t -> D2.equals(t.startedBy()));
            assertThat(service.deployments()).extracting(Deployment::id).containsExactly(D2);
        } else {
            assertThat(completed).as("no room: the rollout cannot move").isFalse();
            assertThat(service.events()).extracting(e -> e.message())
                    .containsOnlyOnce("(service web) was unable to stop or start tasks during a deployment because of "
                            + "the service deployment configuration. Update the minimumHealthyPercent or "
                            + "maximumPercent value and try again.");
        }
    }

    private static List<Task> live(List<Task> tasks) {
        return tasks.stream().filter(t -> !t.isStopped() && t.desiredStatus() == DesiredStatus.RUNNING).toList();
    }

    private static int healthy(List<Task> tasks) {
        return (int) tasks.stream().filter(t -> !t.isStopped() && t.lastStatus() == TaskStatus.RUNNING
                && t.healthStatus() != HealthStatus.UNHEALTHY).count();
    }
}
