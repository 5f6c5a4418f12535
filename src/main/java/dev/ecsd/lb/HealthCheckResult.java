package dev.ecsd.lb;

/** What one health check saw: a pass, or a failure with ALB's reason code and description for it. */
record HealthCheckResult(boolean passed, String reason, String description) {
    public static final HealthCheckResult PASSED = new HealthCheckResult(true, null, null);
    public static final HealthCheckResult TIMED_OUT = new HealthCheckResult(false, "Target.Timeout",
            "Request timed out");
    /** The connection was refused or reset, or the answer was not HTTP. */
    public static final HealthCheckResult FAILED = new HealthCheckResult(false, "Target.FailedHealthChecks",
            "Health checks failed");

    public static HealthCheckResult codeMismatch(int statusCode) {
        return new HealthCheckResult(false, "Target.ResponseCodeMismatch",
                "Health checks failed with these codes: [" + statusCode + "]");
    }
}
