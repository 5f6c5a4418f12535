package dev.ecsd.model;

/** Why a task stopped, in ECS's spelling. */
public enum TaskStopCode {
    TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption,
    TerminationNotice,
    /** The infrastructure under the task failed (here: the host lost it), not the task. */
    InfrastructureHealth;

    /**
     * Whether the task itself failed, as opposed to being stopped on purpose (by a user, by the scheduler) or
     * losing the infrastructure it ran on: only such failures count toward a service's launch throttle and its
     * deployment circuit breaker.
     */
    public boolean isTaskFailure() {
        return this == TaskFailedToStart || this == EssentialContainerExited;
    }

    /** ECS's stoppedReason for a StopTask that gave none. */
    public static final String USER_STOPPED_REASON = "Task stopped by user";
}
