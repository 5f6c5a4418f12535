package dev.ecsd.agent;

import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The next step an agent takes for a task, as data: the planner decides, the executor does. */
public sealed interface AgentAction {

    /** Creates the task's network (for awsvpc, starts the namespace-holding container), then PENDING. */
    record Provision() implements AgentAction {
    }

    /** Finds or pulls every image and prepares log destinations, then ACTIVATING. */
    record PullImages() implements AgentAction {
    }

    record CreateContainer(String name) implements AgentAction {
    }

    record StartContainer(String name) implements AgentAction {
    }

    /** Every essential container runs: the task is RUNNING. */
    record MarkRunning() implements AgentAction {
    }

    /** Records what the runtime shows of containers: exits and health changes. */
    record UpdateContainers(List<ContainerUpdate> updates) implements AgentAction {
    }

    /** The task cannot go on: desiredStatus becomes STOPPED with this code and reason. */
    record Fail(TaskStopCode stopCode, String reason) implements AgentAction {
    }

    /** Advances lastStatus on the way down when nothing else is to be done first. */
    record MoveTo(TaskStatus status) implements AgentAction {
    }

    /** SIGTERM, then SIGKILL after {@code timeout}. */
    record StopContainer(String name, Duration timeout) implements AgentAction {
    }

    /** Removes the task's containers, network and task-scoped volumes; then STOPPED. */
    record Deprovision() implements AgentAction {
    }

    /** Nothing to do until something changes, or until {@code recheckAt}. */
    record Wait(Instant recheckAt) implements AgentAction {
    }

    /** The task is STOPPED: its owner can let it go. */
    record Done() implements AgentAction {
    }

    /** An observed change of one container. A null field is unchanged. */
    record ContainerUpdate(String name, boolean exited, Integer exitCode, String reason, HealthStatus health) {
    }
}
