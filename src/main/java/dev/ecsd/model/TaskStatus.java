package dev.ecsd.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A task's lastStatus, in ECS's spelling and lifecycle order. A task only moves forward, and may skip
 * states (a task that fails to start goes from PENDING toward STOPPED without being RUNNING); the table
 * below is the whole of what is allowed.
 */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = Map.of(
            // straight to ACTIVATING: a task that needs no network set up and whose images are all here
            PROVISIONING, EnumSet.of(PENDING, ACTIVATING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED),
            PENDING, EnumSet.of(ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED),
            ACTIVATING, EnumSet.of(RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED),
            RUNNING, EnumSet.of(DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED),
            DEACTIVATING, EnumSet.of(STOPPING, DEPROVISIONING, STOPPED),
            STOPPING, EnumSet.of(DEPROVISIONING, STOPPED),
            DEPROVISIONING, EnumSet.of(STOPPED),
            STOPPED, EnumSet.noneOf(TaskStatus.class));

    public boolean canMoveTo(TaskStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** PROVISIONING, PENDING or ACTIVATING: on its way to RUNNING. */
    public boolean isStarting() {
        return this == PROVISIONING || this == PENDING || this == ACTIVATING;
    }

    /** DEACTIVATING through DEPROVISIONING: on its way to STOPPED. */
    public boolean isStopping() {
        return this == DEACTIVATING || this == STOPPING || this == DEPROVISIONING;
    }
}
