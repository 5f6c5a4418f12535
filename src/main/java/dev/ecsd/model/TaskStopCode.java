package dev.ecsd.model;

/** Why a task stopped, in ECS's spelling. */
public enum TaskStopCode {
    TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption,
    TerminationNotice
}
