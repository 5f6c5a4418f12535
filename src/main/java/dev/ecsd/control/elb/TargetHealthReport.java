package dev.ecsd.control.elb;

import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.List;

/**
 * A target's health as ELBv2 reports it (DescribeTargetHealth, and the console after it). The stored health is what
 * the checks last saw; it is not what ELBv2 reports while the group receives no traffic (unused), while health checks
 * are off (unavailable), or for a target that is not registered (unused). A draining target shows as draining
 * whatever the group's use. A healthy target has no reason.
 */
public record TargetHealthReport(TargetHealthState state, String reason, String description) {
    public static final String NOT_REGISTERED = "Target.NotRegistered";
    public static final String NOT_REGISTERED_DESCRIPTION = "Target is not registered to the target group";
    public static final String NOT_IN_USE = "Target.NotInUse";
    public static final String NOT_IN_USE_DESCRIPTION =
            "Target group is not configured to receive traffic from the load balancer";
    public static final String HEALTH_CHECK_DISABLED = "Target.HealthCheckDisabled";
    public static final String HEALTH_CHECK_DISABLED_DESCRIPTION = "Health checks are disabled";

    /** A registered target's health; {@code inUse} says whether a listener or rule forwards to the group. */
    public static TargetHealthReport of(TargetGroup group, boolean inUse, Target target) {
        if (target.isDraining()) {
            return new TargetHealthReport(TargetHealthState.DRAINING, target.reason(), target.description());
        }
        if (!group.healthCheck().enabled()) {
            return new TargetHealthReport(TargetHealthState.UNAVAILABLE, HEALTH_CHECK_DISABLED,
                    HEALTH_CHECK_DISABLED_DESCRIPTION);
        }
        if (!inUse) {
            return new TargetHealthReport(TargetHealthState.UNUSED, NOT_IN_USE, NOT_IN_USE_DESCRIPTION);
        }
        if (target.state() == TargetHealthState.HEALTHY) {
            return new TargetHealthReport(TargetHealthState.HEALTHY, null, null);
        }
        return new TargetHealthReport(target.state(), target.reason(), target.description());
    }

    /** What ELBv2 reports for a target asked for by id that is not registered in the group. */
    public static TargetHealthReport notRegistered() {
        return new TargetHealthReport(TargetHealthState.UNUSED, NOT_REGISTERED, NOT_REGISTERED_DESCRIPTION);
    }

    /** The group's targets ELBv2 still lists at {@code now}: a draining target only until its delay is over. */
    public static List<Target> listed(Snapshot state, String targetGroupArn, Instant now) {
        return TargetRegistrations.targetsOf(state, targetGroupArn).stream()
                .filter(target -> !target.isDraining() || target.drainingUntil() == null
                        || target.drainingUntil().isAfter(now))
                .toList();
    }
}
