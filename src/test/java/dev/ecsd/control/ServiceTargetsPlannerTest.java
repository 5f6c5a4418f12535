package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.ServiceFixtures.configuration;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.messages;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetHealthState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service scheduler with a load balancer: registration, ELB health, and draining before a stop. */
class ServiceTargetsPlannerTest {
    private static final String D1 = "ecs-svc/1111111111111111111";
    private static final String D2 = "ecs-svc/2222222222222222222";
    private static final String GROUP = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123";
    private final ServiceFixtures world = new ServiceFixtures();
    private final AtomicInteger ports = new AtomicInteger(32000);

    private Service balanced(Service service, int graceSeconds) {
        return service.toBuilder().loadBalancers(List.of(new LoadBalancer(GROUP, null, "web", 8080)))
                .healthCheckGracePeriodSeconds(graceSeconds).build();
    }

    /** A running task whose container's port 8080 is published on loopback. */
    private Task published(String deploymentId, String definition) {
        Task task = world.running(deploymentId, definition);
        TaskContainer container = new TaskContainer("arn:container", "web", "busybox", "c1", ContainerStatus.RUNNING,
                null, null, List.of(new NetworkBinding("127.0.0.1", 8080, ports.incrementAndGet(), "tcp")),
                HealthStatus.UNKNOWN, true, null, null, null, T0, null);
        return task.toBuilder().containers(List.of(container)).build();
    }

    private static Target target(Task task, TargetHealthState state, String description) {
        int port = task.containers().getFirst().networkBindings().getFirst().hostPort();
        return new Target(GROUP, "127.0.0.1", port, null, state, null, description, T0, null, task.taskArn());
    }

    private ServicePlan plan(Service service, List<Task> tasks, List<Target> targets, Instant now) {
        Map<String, List<Target>> byTask = new HashMap<>();
        targets.forEach(t -> byTask.computeIfAbsent(t.taskArn(), k -> new java.util.ArrayList<>()).add(t));
        AtomicInteger ids = new AtomicInteger();
        return ServicePlanner.plan(new ServicePlanner.ServiceView(service, tasks, world.definitions, now,
                () -> "event-" + ids.incrementAndGet(), byTask, Set.of(GROUP)));
    }

    @Test
    void aRunningTaskIsRegisteredAtItsPublishedPort() {
        Service service = balanced(service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.IN_PROGRESS))), 0);
        Task task = published(D1, TD1);

        ServicePlan plan = plan(service, List.of(task), List.of(), T0);

        int port = task.containers().getFirst().networkBindings().getFirst().hostPort();
        assertThat(plan.registrations()).containsExactly(new ServiceAction.RegisterTargets(GROUP,
                List.of(new ServiceAction.TargetRef(task.taskArn(), "127.0.0.1", port, null))));
        assertThat(messages(plan.service())).contains("(service web) registered 1 targets in (target-group "
                + GROUP + ")");
        assertThat(plan.service().deployments().getFirst().rolloutState())
                .as("a task whose target is not healthy yet does not complete the deployment")
                .isEqualTo(RolloutState.IN_PROGRESS);
    }

    @Test
    void oldTasksStopOnlyOnceTheNewTasksTargetsAreHealthy() {
        Service service = balanced(service(1, configuration(100, 200), List.of(
                deployment(D2, DeploymentStatus.PRIMARY, TD2, 1, RolloutState.IN_PROGRESS),
                deployment(D1, DeploymentStatus.ACTIVE, TD1, 1, RolloutState.COMPLETED))), 0);
        Task old = published(D1, TD1);
        Task fresh = published(D2, TD2);

        ServicePlan initial = plan(service, List.of(old, fresh), List.of(target(old, TargetHealthState.HEALTHY, null),
                target(fresh, TargetHealthState.INITIAL, "Initial health checks in progress")), T0);
        assertThat(initial.stops()).isEmpty();

        ServicePlan healthy = plan(service, List.of(old, fresh), List.of(target(old, TargetHealthState.HEALTHY, null),
                target(fresh, TargetHealthState.HEALTHY, null)), T0);
        assertThat(healthy.stops()).extracting(ServiceAction.StopTask::taskArn).containsExactly(old.taskArn());
        assertThat(healthy.deregistrations()).containsExactly(new ServiceAction.DeregisterTargets(GROUP,
                List.of(new ServiceAction.TargetRef(old.taskArn(), "127.0.0.1",
                        target(old, TargetHealthState.HEALTHY, null).port(), null))));
        assertThat(messages(healthy.service())).contains(
                "(service web) deregistered 1 targets in (target-group " + GROUP + ")",
                "(service web) has begun draining connections on 1 tasks.");
    }

    @Test
    void aTaskWhoseTargetIsUnhealthyAfterTheGracePeriodIsStoppedWithEcsReason() {
        Service service = balanced(service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.COMPLETED))), 60);
        Task task = published(D1, TD1);
        Target unhealthy = target(task, TargetHealthState.UNHEALTHY, "Health checks failed with these codes: [500]");

        ServicePlan during = plan(service, List.of(task), List.of(unhealthy), T0.plusSeconds(30));
        assertThat(during.stops()).isEmpty();
        assertThat(during.recheckAt()).isEqualTo(T0.plusSeconds(60));

        ServicePlan after = plan(service, List.of(task), List.of(unhealthy), T0.plusSeconds(61));
        assertThat(after.stops()).containsExactly(new ServiceAction.StopTask(task.taskArn(),
                "Task failed ELB health checks in (target-group " + GROUP + ")"));
        assertThat(after.launches()).extracting(ServiceAction.StartTasks::count).containsExactly(1);
        assertThat(messages(after.service())).contains("(service web) (task " + task.taskId() + ") (port "
                + unhealthy.port() + ") is unhealthy in (target-group " + GROUP + ") due to (reason Health checks "
                + "failed with these codes: [500])");
        assertThat(after.deregistrations()).hasSize(1);
    }

    @Test
    void elbHealthCheckFailuresCountForTheCircuitBreaker() {
        Service service = balanced(service(1, ServiceFixtures.breaker(true),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.IN_PROGRESS))), 0);
        Task task = published(D1, TD1);

        ServicePlan plan = plan(service, List.of(task), List.of(target(task, TargetHealthState.UNHEALTHY,
                "Request timed out")), T0.plusSeconds(1));

        assertThat(plan.service().deployments().getFirst().failedTasks()).isEqualTo(1);
        assertThat(plan.stops()).extracting(ServiceAction.StopTask::reason)
                .containsExactly(ServicePlanner.elbHealthCheckReason(GROUP));
    }

    @Test
    void aChangeOfLoadBalancersRegistersOnlyTheNewDeploymentsTasksInTheNewGroupAndKeepsTheOldTasksUp() {
        String other = GROUP.replace("/web/", "/web-b/");
        LoadBalancer oldBalancer = new LoadBalancer(GROUP, null, "web", 8080);
        LoadBalancer newBalancer = new LoadBalancer(other, null, "web", 8080);
        Deployment fresh = withLoadBalancers(deployment(D2, DeploymentStatus.PRIMARY, TD2, 3, RolloutState.IN_PROGRESS),
                newBalancer);
        Deployment old = withLoadBalancers(deployment(D1, DeploymentStatus.ACTIVE, TD1, 3, RolloutState.COMPLETED),
                oldBalancer);
        Service service = service(3, configuration(100, 200), List.of(fresh, old)).toBuilder()
                .loadBalancers(List.of(newBalancer)).build();
        List<Task> olds = List.of(published(D1, TD1), published(D1, TD1), published(D1, TD1));
        Task started = published(D2, TD2);
        List<Task> tasks = new java.util.ArrayList<>(olds);
        tasks.add(started);

        Map<String, List<Target>> byTask = new HashMap<>();
        olds.forEach(t -> byTask.put(t.taskArn(), List.of(target(t, TargetHealthState.HEALTHY, null))));
        AtomicInteger ids = new AtomicInteger();
        ServicePlan plan = ServicePlanner.plan(new ServicePlanner.ServiceView(service, tasks, world.definitions, T0,
                () -> "event-" + ids.incrementAndGet(), byTask, Set.of(GROUP, other)));

        assertThat(plan.stops()).as("the old tasks, healthy in the old group, keep serving").isEmpty();
        assertThat(plan.registrations()).singleElement().satisfies(r -> {
            assertThat(r.targetGroupArn()).isEqualTo(other);
            assertThat(r.targets()).extracting(ServiceAction.TargetRef::taskArn).containsExactly(started.taskArn());
        });
        assertThat(plan.deregistrations()).isEmpty();
    }

    private static Deployment withLoadBalancers(Deployment d, LoadBalancer loadBalancer) {
        return new Deployment(d.id(), d.status(), d.taskDefinition(), d.desiredCount(), d.failedTasks(), d.createdAt(),
                d.updatedAt(), d.launchType(), d.capacityProviderStrategy(), d.platformVersion(),
                d.networkConfiguration(), d.rolloutState(), d.rolloutStateReason(), List.of(loadBalancer));
    }

    @Test
    void aTaskStoppedByAUserIsDeregisteredAndAnAlreadyDrainingOneIsLeftAlone() {
        Service service = balanced(service(1, configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.COMPLETED))), 0);
        Task stopped = published(D1, TD1).toBuilder().desiredStatus(DesiredStatus.STOPPED)
                .stopCode(TaskStopCode.UserInitiated).build();
        Task draining = published(D1, TD1).toBuilder().desiredStatus(DesiredStatus.STOPPED)
                .stopCode(TaskStopCode.UserInitiated).build();

        ServicePlan plan = plan(service, List.of(stopped, draining), List.of(
                target(stopped, TargetHealthState.HEALTHY, null),
                target(draining, TargetHealthState.HEALTHY, null).draining(T0.plusSeconds(10))), T0);

        assertThat(plan.deregistrations()).singleElement().satisfies(d -> assertThat(d.targets())
                .extracting(ServiceAction.TargetRef::taskArn).containsExactly(stopped.taskArn()));
        assertThat(plan.registrations()).isEmpty();
    }
}
