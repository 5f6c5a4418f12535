package dev.ecsd.channel;

import dev.ecsd.secrets.TemporaryCredentials;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The only link between the control plane and an agent: assignments go down, state changes come up, as plain
 * data. The in-process agent uses an in-memory implementation; a remote agent will send the same messages
 * over HTTP (as the ECS agent's SubmitTaskStateChange does).
 */
public interface AgentChannel {

    /**
     * Connects an agent: answers everything assigned to it now, then hands {@code listener} every later
     * assignment or change of one (a task's desiredStatus, its removal). The listener must be quick.
     */
    List<TaskAssignment> connect(String agentId, Consumer<TaskAssignment> listener);

    /**
     * Reports what happened to a task. The control plane applies the change to its record, refusing a move of
     * lastStatus the transition table does not allow, and answers the task as it now records it — or a removal
     * when the task no longer exists.
     */
    TaskAssignment report(TaskStateChange change);

    /**
     * Hands the control plane what the agent measured of a running task. Fire and forget: a report that is lost
     * only leaves a gap in the task's metrics. A control plane that keeps no usage ignores it.
     */
    default void reportUsage(TaskUsage usage) {
    }

    /**
     * Fresh temporary credentials of a task's role, issued when asked: only for a task that has a task role and is
     * not stopped. The task endpoint hands them to the task's containers.
     */
    default Optional<TemporaryCredentials> taskCredentials(String taskArn) {
        return Optional.empty();
    }

    /**
     * Reads ({@code enabled} null) or sets a task's scale-in protection for the task endpoint's
     * {@code task-protection/v1/state}, as UpdateTaskProtection and GetTaskProtection would for that task.
     */
    default TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes) {
        return TaskProtectionState.failed(taskArn, "UNSUPPORTED", "This control plane keeps no task protection.");
    }
}
