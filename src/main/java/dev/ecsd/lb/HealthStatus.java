package dev.ecsd.lb;

import dev.ecsd.model.elb.TargetHealthState;

/** A target's health as DescribeTargetHealth shows it: state, reason code and description (both null when healthy). */
record HealthStatus(TargetHealthState state, String reason, String description) {
    public static final HealthStatus HEALTHY = new HealthStatus(TargetHealthState.HEALTHY, null, null);
    public static final HealthStatus INITIAL_CHECKING = new HealthStatus(TargetHealthState.INITIAL,
            "Elb.InitialHealthChecking", "Initial health checks in progress");
}
