package dev.ecsd.model.elb;

/** The attribute keys ecsd acts on, in ELBv2's spelling. */
public final class ElbAttributes {
    public static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    public static final String DELETION_PROTECTION = "deletion_protection.enabled";
    public static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    public static final String SLOW_START = "slow_start.duration_seconds";
    public static final String ALGORITHM = "load_balancing.algorithm.type";
    public static final String STICKINESS_ENABLED = "stickiness.enabled";
    public static final String STICKINESS_TYPE = "stickiness.type";
    public static final String STICKINESS_COOKIE_DURATION = "stickiness.lb_cookie.duration_seconds";

    public static final String ROUND_ROBIN = "round_robin";
    public static final String LEAST_OUTSTANDING_REQUESTS = "least_outstanding_requests";

    private ElbAttributes() {
    }
}
