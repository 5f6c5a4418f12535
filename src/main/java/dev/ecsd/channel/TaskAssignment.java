package dev.ecsd.channel;

import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;

/**
 * A task as its agent is to run it: the record (with the desiredStatus the control plane decided) and its task
 * definition. {@code sequence} orders assignments of one task, so an agent keeps the newest it has seen. A
 * removal has no task: the control plane forgot it, and the agent lets it go. {@code draining} holds a task that is
 * to stop in DEACTIVATING: the control plane is still taking it out of its load balancers, and its containers get
 * no signal before that is done. {@code secrets} are the task's secret environment, resolved once by the control
 * plane (in memory only; never written to the store or a log). {@code endpoint} holds the ids the task endpoint
 * answers the task's credentials and metadata under.
 */
public record TaskAssignment(String taskArn, long sequence, Task task, TaskDefinition definition, boolean draining,
        TaskSecrets secrets, TaskEndpointIds endpoint) {

    public TaskAssignment {
        secrets = secrets == null ? TaskSecrets.NONE : secrets;
        endpoint = endpoint == null ? TaskEndpointIds.NONE : endpoint;
    }

    public TaskAssignment(String taskArn, long sequence, Task task, TaskDefinition definition, boolean draining,
            TaskSecrets secrets) {
        this(taskArn, sequence, task, definition, draining, secrets, TaskEndpointIds.NONE);
    }

    public TaskAssignment(String taskArn, long sequence, Task task, TaskDefinition definition, boolean draining) {
        this(taskArn, sequence, task, definition, draining, TaskSecrets.NONE);
    }

    public static TaskAssignment of(Task task, TaskDefinition definition) {
        return of(task, definition, false);
    }

    public static TaskAssignment of(Task task, TaskDefinition definition, boolean draining) {
        return new TaskAssignment(task.taskArn(), task.version(), task, definition, draining);
    }

    public static TaskAssignment removed(String taskArn) {
        return new TaskAssignment(taskArn, Long.MAX_VALUE, null, null, false);
    }

    public boolean isRemoval() {
        return task == null;
    }

    /** Whether this assignment is at least as new as {@code other}. */
    public boolean supersedes(TaskAssignment other) {
        return other == null || sequence >= other.sequence;
    }
}
