package dev.ecsd.model;

/** Why a task stopped, in ECS's spelling. */
public enum TaskStopCode {
    TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption,
    TerminationNotice;

    /** ECS's stoppedReason for a StopTask that gave none. */
    public static final String USER_STOPPED_REASON = "Task stopped by user";
}
