package dev.ecsd.control;

import dev.ecsd.model.CircuitBreakerOptions;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A small world of one service, its deployments and its tasks, for planner tests. */
final class ServiceFixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/c";
    static final String TD1 = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1";
    static final String TD2 = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2";
    static final String TD_CHECKED = "arn:aws:ecs:us-east-1:000000000000:task-definition/checked:1";

    private final AtomicInteger counter = new AtomicInteger();
    final Map<String, TaskDefinition> definitions = new HashMap<>();

    ServiceFixtures() {
        definitions.put(TD1, definition(TD1, null));
        definitions.put(TD2, definition(TD2, null));
        definitions.put(TD_CHECKED, definition(TD_CHECKED, new HealthCheck(List.of("CMD-SHELL", "true"), 5, 2, 1, null)));
    }

    static TaskDefinition definition(String arn, HealthCheck check) {
        ContainerDefinition container = new ContainerDefinition("web", "busybox", 0, 64, null, List.of(), true, null,
                null, List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null, null, null, null,
                null, check, List.of(), Map.of());
        String familyRevision = arn.substring(arn.indexOf('/') + 1);
        return new TaskDefinition(arn, familyRevision.substring(0, familyRevision.indexOf(':')), 1,
                TaskDefinitionStatus.ACTIVE, List.of(container), null, null, "awsvpc", List.of(), List.of(),
                List.of("FARGATE"), List.of("EC2", "FARGATE"), List.of(), "256", "512", null, null, T0, null, null, null,
                List.of(), Map.of());
    }

    static Deployment deployment(String id, DeploymentStatus status, String taskDefinition, int desired,
            RolloutState state) {
        return new Deployment(id, status, taskDefinition, desired, 0, T0, T0, "FARGATE", null, "LATEST", null,
                state, "ECS deployment " + id + (state == RolloutState.COMPLETED ? " completed." : " in progress."));
    }

    static Service service(int desired, DeploymentConfiguration configuration, List<Deployment> deployments) {
        return new Service.Builder()
                .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/c/web")
                .serviceName("web")
                .clusterArn(CLUSTER)
                .status(ServiceStatus.ACTIVE)
                .desiredCount(desired)
                .launchType("FARGATE")
                .taskDefinition(deployments.getFirst().taskDefinition())
                .deploymentConfiguration(configuration)
                .healthCheckGracePeriodSeconds(0)
                .schedulingStrategy("REPLICA")
                .deploymentController("ECS")
                .propagateTags("NONE")
                .createdAt(T0)
                .deployments(deployments)
                .events(List.of())
                .build();
    }

    static DeploymentConfiguration configuration(int min, int max) {
        return new DeploymentConfiguration(min, max, false, false, CircuitBreakerOptions.NONE, Map.of());
    }

    static DeploymentConfiguration breaker(boolean rollback) {
        return new DeploymentConfiguration(100, 200, true, rollback, CircuitBreakerOptions.NONE, Map.of());
    }

    Task task(String deploymentId, String taskDefinition, TaskStatus status, HealthStatus health) {
        String id = String.format("%032x", counter.incrementAndGet());
        Task.Builder builder = new Task.Builder()
                .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/" + id)
                .clusterArn(CLUSTER)
                .taskDefinitionArn(taskDefinition)
                .group("service:web")
                .startedBy(deploymentId)
                .lastStatus(status)
                .desiredStatus(status == TaskStatus.STOPPED ? DesiredStatus.STOPPED : DesiredStatus.RUNNING)
                .healthStatus(health)
                .containers(List.of())
                .createdAt(T0.plusMillis(counter.get()));
        if (status == TaskStatus.RUNNING) {
            builder.startedAt(T0);
        }
        return builder.build();
    }

    Task running(String deploymentId, String taskDefinition) {
        return task(deploymentId, taskDefinition, TaskStatus.RUNNING, HealthStatus.UNKNOWN);
    }

    Task pending(String deploymentId, String taskDefinition) {
        return task(deploymentId, taskDefinition, TaskStatus.PENDING, HealthStatus.UNKNOWN);
    }

    /** A task that stopped without ever reaching RUNNING. */
    Task failedToStart(String deploymentId, String taskDefinition) {
        return task(deploymentId, taskDefinition, TaskStatus.STOPPED, HealthStatus.UNKNOWN).toBuilder()
                .stopCode(TaskStopCode.TaskFailedToStart).stoppedReason("CannotPullContainerError: nope")
                .stoppedAt(T0).build();
    }

    List<Task> many(int count, java.util.function.Supplier<Task> maker) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(maker.get());
        }
        return tasks;
    }

    ServicePlan plan(Service service, List<Task> tasks, Instant now) {
        return plan(service, tasks, now, Map.of());
    }

    /** A plan with some tasks under scale-in protection until the given times. */
    ServicePlan plan(Service service, List<Task> tasks, Instant now, Map<String, Instant> protectedUntil) {
        AtomicInteger ids = new AtomicInteger();
        return ServicePlanner.plan(new ServicePlanner.ServiceView(service, tasks, definitions, now,
                () -> "event-" + ids.incrementAndGet(), Map.of(), java.util.Set.of(), protectedUntil));
    }

    static List<String> messages(Service service) {
        return service.events().stream().map(dev.ecsd.model.ServiceEvent::message).toList();
    }
}
