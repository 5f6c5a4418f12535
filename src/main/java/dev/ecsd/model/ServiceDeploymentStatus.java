package dev.ecsd.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A service deployment's status, in ECS's spelling, with the transitions ECS's lifecycle allows: it starts PENDING
 * (ecsd starts a rollout at once, so IN_PROGRESS), and ends SUCCESSFUL, STOPPED, ROLLBACK_SUCCESSFUL or
 * ROLLBACK_FAILED.
 */
public enum ServiceDeploymentStatus {
    PENDING, SUCCESSFUL, STOPPED, STOP_REQUESTED, IN_PROGRESS, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS,
    ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED;

    private static final Map<ServiceDeploymentStatus, Set<ServiceDeploymentStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(IN_PROGRESS, STOP_REQUESTED, ROLLBACK_REQUESTED, STOPPED),
            IN_PROGRESS, EnumSet.of(SUCCESSFUL, STOP_REQUESTED, STOPPED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS),
            STOP_REQUESTED, EnumSet.of(STOPPED),
            ROLLBACK_REQUESTED, EnumSet.of(ROLLBACK_IN_PROGRESS, STOPPED),
            ROLLBACK_IN_PROGRESS, EnumSet.of(ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED, STOPPED));

    /** Not finished yet: a deployment the service is still carrying out (ECS's "ongoing" and "pending" stages). */
    public boolean isOngoing() {
        return NEXT.containsKey(this);
    }

    public boolean canBecome(ServiceDeploymentStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }
}
