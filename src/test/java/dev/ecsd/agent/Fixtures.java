package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerDependency;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Task definitions, tasks and observations for planner tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {
    }

    static ContainerDefinition container(String name, boolean essential, List<ContainerDependency> dependsOn,
            HealthCheck healthCheck) {
        return new ContainerDefinition(name, "busybox", null, 128, null, List.of(), essential, null,
                List.of("sleep", "1000"), List.of(), List.of(), List.of(), null, null, dependsOn, null, null, null, null,
                null, null, null, null, null, healthCheck, List.of(), Map.of());
    }

    static ContainerDefinition container(String name) {
        return container(name, true, null, null);
    }

    static TaskDefinition definition(String networkMode, ContainerDefinition... containers) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/app:1", "app", 1,
                TaskDefinitionStatus.ACTIVE, List.of(containers), null, null, networkMode, List.of(), List.of(),
                null, List.of("EC2"), List.of(), "256", "512", null, null, T0, null, null, null, List.of(), Map.of());
    }

    static Task task(TaskDefinition definition, TaskStatus status, DesiredStatus desired) {
        List<TaskContainer> containers = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            containers.add(new TaskContainer("arn:container/" + container.name(), container.name(), container.image(),
                    null, ContainerStatus.PENDING, null, null, List.of(), HealthStatus.UNKNOWN, container.isEssential(),
                    "0", null, null, null, null));
        }
        return new Task.Builder()
                .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn(definition.taskDefinitionArn())
                .agentId("local-fargate")
                .launchType("FARGATE")
                .lastStatus(status)
                .desiredStatus(desired)
                .healthStatus(HealthStatus.UNKNOWN)
                .containers(containers)
                .createdAt(T0)
                .build();
    }

    /** The task with one container changed. */
    static Task with(Task task, TaskContainer container) {
        return task.toBuilder().container(container).build();
    }

    static TaskContainer created(Task task, String name) {
        return task.container(name).orElseThrow().withRuntimeId("id-" + name);
    }

    static TaskContainer started(Task task, String name) {
        return created(task, name).running(T0, List.of());
    }

    static ContainerObservation running(String name) {
        return observation(name, ContainerObservation.State.RUNNING, null, false, ContainerObservation.Health.NONE);
    }

    static ContainerObservation exited(String name, int code, boolean oom) {
        return observation(name, ContainerObservation.State.EXITED, code, oom, ContainerObservation.Health.NONE);
    }

    static ContainerObservation observation(String name, ContainerObservation.State state, Integer exitCode, boolean oom,
            ContainerObservation.Health health) {
        return new ContainerObservation("id-" + name, name, Map.of(), state, exitCode, oom, health, T0, null, List.of(),
                "172.17.0.2", null);
    }

    static TaskView view(Task task, TaskDefinition definition, Map<String, ContainerObservation> observed) {
        return new TaskView(task, definition, observed, java.util.Set.of(), T0.plusSeconds(1));
    }
}
