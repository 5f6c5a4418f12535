package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.TaskSetPlannerTest.external;
import static dev.ecsd.control.TaskSetPlannerTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Service;
import dev.ecsd.model.StabilityStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskSetStatus;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetHealthState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A task set's load balancers: its tasks are registered in its own target groups, and judged healthy by them. */
class TaskSetTargetsPlannerTest {
    private static final String BLUE = "ecs-svc/1111111111111111111";
    private static final String GREEN = "ecs-svc/2222222222222222222";
    private static final String GROUP = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/blue/0123";
    private final ServiceFixtures world = new ServiceFixtures();
    private final AtomicInteger ports = new AtomicInteger(32000);

    private static TaskSet balanced(TaskSet set) {
        return new TaskSet(set.id(), set.taskSetArn(), null, null, set.status(), set.taskDefinition(),
                set.computedDesiredCount(), set.scalePercent(), T0, T0, "FARGATE", null, "LATEST", null,
                List.of(new LoadBalancer(GROUP, null, "web", 8080)), List.of(), StabilityStatus.STABILIZING, T0,
                List.of());
    }

    private Task published(String setId, String definition) {
        Task task = world.running(setId, definition);
        TaskContainer container = new TaskContainer("arn:container", "web", "busybox", "c1", ContainerStatus.RUNNING,
                null, null, List.of(new NetworkBinding("127.0.0.1", 8080, ports.incrementAndGet(), "tcp")),
                HealthStatus.UNKNOWN, true, null, null, null, T0, null);
        return task.toBuilder().containers(List.of(container)).build();
    }

    private static Target target(Task task, TargetHealthState state) {
        int port = task.containers().getFirst().networkBindings().getFirst().hostPort();
        return new Target(GROUP, "127.0.0.1", port, null, state, null, null, T0, null, task.taskArn());
    }

    private ServicePlan plan(Service service, List<Task> tasks, List<Target> targets) {
        Map<String, List<Target>> byTask = new HashMap<>();
        targets.forEach(t -> byTask.computeIfAbsent(t.taskArn(), k -> new ArrayList<>()).add(t));
        AtomicInteger ids = new AtomicInteger();
        return TaskSetPlanner.plan(new ServicePlanner.ServiceView(service, tasks, world.definitions, T0,
                () -> "event-" + ids.incrementAndGet(), byTask, Set.of(GROUP), Map.of()));
    }

    @Test
    void onlyTheTasksOfASetWithLoadBalancersAreRegisteredInItsTargetGroup() {
        Service service = external(1, List.of(balanced(set(BLUE, TaskSetStatus.PRIMARY, TD1, 100, 1)),
                set(GREEN, TaskSetStatus.ACTIVE, TD2, 100, 1)));
        Task blue = published(BLUE, TD1);
        Task green = published(GREEN, TD2);

        ServicePlan plan = plan(service, List.of(blue, green), List.of());

        int port = blue.containers().getFirst().networkBindings().getFirst().hostPort();
        assertThat(plan.registrations()).containsExactly(new ServiceAction.RegisterTargets(GROUP,
                List.of(new ServiceAction.TargetRef(blue.taskArn(), "127.0.0.1", port, null))));
        assertThat(ServiceFixtures.messages(plan.service())).containsExactly("(service web, taskSet " + BLUE
                + ") registered 1 targets in (target-group " + GROUP + ")");
        assertThat(plan.service().taskSet(BLUE).orElseThrow().stabilityStatus())
                .as("a task whose target is not healthy yet").isEqualTo(StabilityStatus.STABILIZING);
        assertThat(plan.service().taskSet(GREEN).orElseThrow().stabilityStatus())
                .isEqualTo(StabilityStatus.STEADY_STATE);
    }

    @Test
    void aSetIsSteadyOnceItsTargetsAreHealthyAndAScaledInTaskIsDeregistered() {
        Service service = external(1, List.of(balanced(set(BLUE, TaskSetStatus.PRIMARY, TD1, 100, 1))));
        Task blue = published(BLUE, TD1);
        ServicePlan healthy = plan(service, List.of(blue), List.of(target(blue, TargetHealthState.HEALTHY)));
        assertThat(healthy.registrations()).isEmpty();
        assertThat(healthy.service().taskSet(BLUE).orElseThrow().stabilityStatus())
                .isEqualTo(StabilityStatus.STEADY_STATE);

        Service scaledIn = TaskSets.scale(healthy.service(), BLUE, 0, T0);
        ServicePlan stopping = plan(scaledIn, List.of(blue), List.of(target(blue, TargetHealthState.HEALTHY)));
        assertThat(stopping.stops()).extracting(ServiceAction.StopTask::taskArn).containsExactly(blue.taskArn());
        assertThat(stopping.deregistrations()).containsExactly(new ServiceAction.DeregisterTargets(GROUP,
                List.of(new ServiceAction.TargetRef(blue.taskArn(), "127.0.0.1",
                        target(blue, TargetHealthState.HEALTHY).port(), null))));
        assertThat(ServiceFixtures.messages(stopping.service())).as("newest first").startsWith(
                "(service web, taskSet " + BLUE + ") has stopped 1 running tasks: (task "
                        + blue.taskArn().substring(blue.taskArn().lastIndexOf('/') + 1) + ").",
                "(service web, taskSet " + BLUE + ") has begun draining connections on 1 tasks.",
                "(service web) deregistered 1 targets in (target-group " + GROUP + ")");
    }
}
