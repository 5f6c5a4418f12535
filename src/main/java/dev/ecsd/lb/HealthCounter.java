package dev.ecsd.lb;

import dev.ecsd.model.elb.TargetHealthState;

/**
 * ALB's health thresholds for one target, as a value: its status now and the run of passes or failures behind
 * it. A new (initial) target is healthy after one pass; a healthy or initial one is unhealthy after
 * {@code unhealthyThreshold} failures in a row; an unhealthy one is healthy again after {@code healthyThreshold}
 * passes in a row. While unhealthy, the reason follows the latest failure.
 */
record HealthCounter(HealthStatus status, int passes, int failures) {

    /**
     * Fresh counters from the status the configuration shows: a target seen healthy or unhealthy before (say,
     * before a restart) keeps that; any other starts as a new target.
     */
    public static HealthCounter startingFrom(HealthStatus status) {
        return new HealthCounter(status, 0, 0);
    }

    public HealthCounter next(HealthCheckResult result, int healthyThreshold, int unhealthyThreshold) {
        TargetHealthState state = status.state();
        if (result.passed()) {
            int newPasses = passes + 1;
            boolean recovered = state != TargetHealthState.UNHEALTHY || newPasses >= healthyThreshold;
            return new HealthCounter(recovered ? HealthStatus.HEALTHY : status, newPasses, 0);
        }
        int newFailures = failures + 1;
        HealthStatus failed = new HealthStatus(TargetHealthState.UNHEALTHY, result.reason(), result.description());
        if (state == TargetHealthState.UNHEALTHY || newFailures >= unhealthyThreshold) {
            return new HealthCounter(failed, 0, newFailures);
        }
        return new HealthCounter(status, 0, newFailures);
    }

    /**
     * The counters once the first check starts: a target that is neither healthy nor unhealthy (initial, or
     * unused until a listener forwarded to its group) now shows that its initial checks are running.
     */
    public HealthCounter checking() {
        TargetHealthState state = status.state();
        return state == TargetHealthState.HEALTHY || state == TargetHealthState.UNHEALTHY ? this
                : new HealthCounter(HealthStatus.INITIAL_CHECKING, passes, failures);
    }
}
