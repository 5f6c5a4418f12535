package dev.ecsd.model;

/** Whether a task set runs its computed desired count of healthy tasks (STEADY_STATE) or is getting there. */
public enum StabilityStatus {
    STEADY_STATE, STABILIZING
}
