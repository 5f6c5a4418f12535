package dev.ecsd.agent;

import dev.ecsd.agent.AgentAction.ContainerUpdate;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerDependency;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the next step for one task from what was asked and what the runtime shows, as the ECS agent
 * does: the next status toward the desired one. Pure: no I/O, no clock of its own, no threads.
 */
public final class TaskPlanner {
    /** ECS's default time to wait for a container's dependencies. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    /** ECS's default time between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Fargate's longest stopTimeout: within a Spot interruption's two-minute warning. */
    public static final Duration FARGATE_MAX_STOP_TIMEOUT = Duration.ofSeconds(120);
    /** How long to wait before looking again when nothing announces a change. */
    public static final Duration RESYNC = Duration.ofSeconds(10);

    private TaskPlanner() {
    }

    public static AgentAction next(TaskView view) {
        Task task = view.task();
        if (task.lastStatus() == TaskStatus.STOPPED) {
            return new AgentAction.Done();
        }
        List<ContainerUpdate> updates = observedChanges(view);
        if (!updates.isEmpty()) {
            return new AgentAction.UpdateContainers(updates);
        }
        if (task.desiredStatus() == DesiredStatus.STOPPED || task.lastStatus().isStopping()) {
            return stopping(view);
        }
        if (task.lastStatus() == TaskStatus.ACTIVATING && everyContainerStarted(task)) {
            // A container that has already exited (a batch job) still counts as started: ECS shows such a
            // task RUNNING before it stops.
            return new AgentAction.MarkRunning();
        }
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (container.essential() && container.lastStatus() == ContainerStatus.STOPPED) {
                return new AgentAction.Fail(task.lastStatus() == TaskStatus.RUNNING
                        ? TaskStopCode.EssentialContainerExited : TaskStopCode.TaskFailedToStart,
                        StopReasons.ESSENTIAL_CONTAINER_EXITED);
            }
        }
        return switch (task.lastStatus()) {
            case PROVISIONING -> new AgentAction.Provision();
            case PENDING -> new AgentAction.PullImages();
            case ACTIVATING -> activating(view);
            case RUNNING -> new AgentAction.Wait(view.now().plus(RESYNC));
            default -> stopping(view);
        };
    }

    private static AgentAction activating(TaskView view) {
        Task task = view.task();
        Map<String, TaskContainer> byName = byName(task);
        for (ContainerDefinition definition : view.definition().containerDefinitions()) {
            TaskContainer container = byName.get(definition.name());
            if (container != null && container.runtimeId() == null) {
                return new AgentAction.CreateContainer(definition.name());
            }
        }
        Instant activatedAt = task.pullStoppedAt() != null ? task.pullStoppedAt() : view.now();
        Instant recheck = view.now().plus(RESYNC);
        for (ContainerDefinition definition : view.definition().containerDefinitions()) {
            TaskContainer container = byName.get(definition.name());
            if (container == null || container.startedAt() != null || container.lastStatus() == ContainerStatus.STOPPED) {
                continue;
            }
            Dependencies.Verdict verdict = Dependencies.check(definition, byName);
            switch (verdict.readiness()) {
                case READY -> {
                    return new AgentAction.StartContainer(definition.name());
                }
                case NEVER -> {
                    return new AgentAction.Fail(TaskStopCode.TaskFailedToStart, "Container " + definition.name()
                            + " cannot start: " + verdict.reason() + ".");
                }
                case WAIT -> {
                    // The time allowed is the dependency's own startTimeout: how long it may take to get there.
                    for (ContainerDependency dependency : Dependencies.unmet(definition, byName)) {
                        ContainerDefinition target = view.definition().container(dependency.containerName()).orElseThrow();
                        Duration timeout = target.startTimeout() == null ? DEFAULT_START_TIMEOUT
                                : Duration.ofSeconds(target.startTimeout());
                        Instant deadline = activatedAt.plus(timeout);
                        if (!view.now().isBefore(deadline)) {
                            return new AgentAction.Fail(TaskStopCode.TaskFailedToStart, "Container " + definition.name()
                                    + " cannot start: its dependency " + target.name() + " did not reach "
                                    + dependency.condition() + " within its startTimeout of " + timeout.toSeconds()
                                    + " seconds.");
                        }
                        recheck = earliest(recheck, deadline);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return new AgentAction.Wait(recheck);
    }

    /** Every container has started or has been given up on, and every essential one has started. */
    private static boolean everyContainerStarted(Task task) {
        return everyContainerStartedWith(task, null);
    }

    /**
     * Whether the task is RUNNING once its container {@code startingNow} (null: none) has started as well, so the
     * worker can say RUNNING in the report of its last start rather than in a step of its own.
     */
    static boolean everyContainerStartedWith(Task task, String startingNow) {
        List<TaskContainer> containers = Lists.orEmpty(task.containers());
        return !containers.isEmpty()
                && containers.stream().allMatch(c -> c.name().equals(startingNow) || c.startedAt() != null
                        || c.lastStatus() == ContainerStatus.STOPPED)
                && containers.stream().filter(TaskContainer::essential)
                        .allMatch(c -> c.name().equals(startingNow) || c.startedAt() != null);
    }

    private static AgentAction stopping(TaskView view) {
        Task task = view.task();
        TaskStatus status = task.lastStatus();
        if (status.isStarting() || status == TaskStatus.RUNNING) {
            return new AgentAction.MoveTo(TaskStatus.DEACTIVATING);
        }
        if (status == TaskStatus.DEACTIVATING) {
            if (view.draining() && everyEssentialContainerRunning(view)) {
                // The load balancer still drains the task's targets: requests in flight finish before any SIGTERM.
                // A new assignment wakes the worker when draining ends; the resync is only a safety net.
                return new AgentAction.Wait(view.now().plus(RESYNC));
            }
            return new AgentAction.MoveTo(TaskStatus.STOPPING);
        }
        if (status == TaskStatus.STOPPING) {
            String next = nextToStop(view);
            if (next != null) {
                ContainerDefinition definition = view.definition().container(next).orElseThrow();
                return new AgentAction.StopContainer(next, stopTimeout(view.task(), definition));
            }
            return new AgentAction.MoveTo(TaskStatus.DEPROVISIONING);
        }
        return new AgentAction.Deprovision();
    }

    /**
     * How long a container has between SIGTERM and SIGKILL: its stopTimeout, else 30 s; on Fargate at most 120 s, as
     * ECS documents ("the max stop timeout value is 120 seconds"), so a Spot task is gone within its warning.
     */
    public static Duration stopTimeout(Task task, ContainerDefinition container) {
        Duration timeout = container.stopTimeout() == null ? DEFAULT_STOP_TIMEOUT
                : Duration.ofSeconds(container.stopTimeout());
        return "FARGATE".equals(task.launchType()) && timeout.compareTo(FARGATE_MAX_STOP_TIMEOUT) > 0
                ? FARGATE_MAX_STOP_TIMEOUT : timeout;
    }

    /**
     * Whether the task still serves: holding it for draining makes no sense once an essential container has exited.
     * Judged from the containers' recorded status (an exit is recorded before anything else is done), not from one
     * observation, which a slow engine may leave incomplete.
     */
    private static boolean everyEssentialContainerRunning(TaskView view) {
        return Lists.orEmpty(view.task().containers()).stream().filter(TaskContainer::essential)
                .noneMatch(c -> c.lastStatus() == ContainerStatus.STOPPED);
    }

    /**
     * A running container that no other running container depends on, so that dependencies stop after
     * the containers that need them.
     */
    private static String nextToStop(TaskView view) {
        List<String> running = new ArrayList<>();
        view.observed().forEach((name, observed) -> {
            if (observed.isRunning()) {
                running.add(name);
            }
        });
        for (ContainerDefinition candidate : view.definition().containerDefinitions()) {
            if (!running.contains(candidate.name())) {
                continue;
            }
            boolean needed = view.definition().containerDefinitions().stream()
                    .filter(other -> running.contains(other.name()) && other != candidate)
                    .flatMap(other -> Lists.orEmpty(other.dependsOn()).stream())
                    .map(ContainerDependency::containerName)
                    .anyMatch(candidate.name()::equals);
            if (!needed) {
                return candidate.name();
            }
        }
        return running.isEmpty() ? null : running.getFirst();
    }

    /** Exits and health changes the runtime shows that the task does not record yet. */
    static List<ContainerUpdate> observedChanges(TaskView view) {
        List<ContainerUpdate> updates = new ArrayList<>();
        for (TaskContainer container : Lists.orEmpty(view.task().containers())) {
            if (container.runtimeId() == null || container.lastStatus() != ContainerStatus.RUNNING) {
                continue;
            }
            ContainerObservation observed = view.observed().get(container.name());
            if (observed == null && view.missing().contains(container.name())) {
                updates.add(new ContainerUpdate(container.name(), true, null,
                        StopReasons.CONTAINER_VANISHED, HealthStatus.UNKNOWN));
            } else if (observed != null && observed.hasExited()) {
                boolean oom = observed.oomKilled();
                updates.add(new ContainerUpdate(container.name(), true,
                        oom && observed.exitCode() == null ? Integer.valueOf(137) : observed.exitCode(),
                        oom ? StopReasons.OUT_OF_MEMORY : null, null));
            } else if (observed != null) {
                HealthStatus health = health(observed.health());
                if (health != container.healthStatus()) {
                    updates.add(new ContainerUpdate(container.name(), false, null, null, health));
                }
            }
        }
        return updates;
    }

    public static HealthStatus health(ContainerObservation.Health health) {
        return switch (health) {
            case HEALTHY -> HealthStatus.HEALTHY;
            case UNHEALTHY -> HealthStatus.UNHEALTHY;
            case NONE, STARTING -> HealthStatus.UNKNOWN;
        };
    }

    /**
     * A task's health from its essential containers that have health checks, as ECS defines it: UNHEALTHY if
     * any is, HEALTHY if all are, otherwise (or with no checks at all) UNKNOWN.
     */
    public static HealthStatus taskHealth(List<TaskContainer> containers, List<ContainerDefinition> definitions) {
        List<HealthStatus> checked = new ArrayList<>();
        for (TaskContainer container : containers) {
            boolean hasCheck = definitions.stream()
                    .anyMatch(d -> d.name().equals(container.name()) && d.healthCheck() != null);
            if (container.essential() && hasCheck) {
                checked.add(container.healthStatus());
            }
        }
        if (checked.contains(HealthStatus.UNHEALTHY)) {
            return HealthStatus.UNHEALTHY;
        }
        if (!checked.isEmpty() && checked.stream().allMatch(HealthStatus.HEALTHY::equals)) {
            return HealthStatus.HEALTHY;
        }
        return HealthStatus.UNKNOWN;
    }

    private static Map<String, TaskContainer> byName(Task task) {
        Map<String, TaskContainer> byName = new LinkedHashMap<>();
        Lists.orEmpty(task.containers()).forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
