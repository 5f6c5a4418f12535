package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * What DescribeTargetHealth says of a target. The stored health is what the checks last saw; it is not what
 * ELBv2 reports while the group receives no traffic (unused), while health checks are off (unavailable), or for a
 * target that is not registered (unused). A draining target shows as draining whatever the group's use.
 */
public final class TargetHealthView {
    public static final String NOT_REGISTERED = "Target.NotRegistered";
    public static final String NOT_REGISTERED_DESCRIPTION = "Target is not registered to the target group";
    public static final String NOT_IN_USE = "Target.NotInUse";
    public static final String NOT_IN_USE_DESCRIPTION =
            "Target group is not configured to receive traffic from the load balancer";
    public static final String HEALTH_CHECK_DISABLED = "Target.HealthCheckDisabled";
    public static final String HEALTH_CHECK_DISABLED_DESCRIPTION = "Health checks are disabled";

    private TargetHealthView() {
    }

    /** A registered target's health as ELBv2 reports it; {@code inUse} says whether a listener or rule forwards to the group. */
    public static TargetHealthDescription of(TargetGroup group, boolean inUse, Target target) {
        TargetHealth health;
        if (target.isDraining()) {
            health = health(TargetHealthState.DRAINING, target.reason(), target.description());
        } else if (!group.healthCheck().enabled()) {
            health = health(TargetHealthState.UNAVAILABLE, HEALTH_CHECK_DISABLED, HEALTH_CHECK_DISABLED_DESCRIPTION);
        } else if (!inUse) {
            health = health(TargetHealthState.UNUSED, NOT_IN_USE, NOT_IN_USE_DESCRIPTION);
        } else if (target.state() == TargetHealthState.HEALTHY) {
            health = health(TargetHealthState.HEALTHY, null, null);
        } else {
            health = health(target.state(), target.reason(), target.description());
        }
        return describe(group, target.id(), target.port(), target.availabilityZone(), health);
    }

    /** What ELBv2 reports for a target asked for by id that is not registered in the group. */
    public static TargetHealthDescription notRegistered(TargetGroup group, String id, int port,
            String availabilityZone) {
        return describe(group, id, port, availabilityZone,
                health(TargetHealthState.UNUSED, NOT_REGISTERED, NOT_REGISTERED_DESCRIPTION));
    }

    private static TargetHealthDescription describe(TargetGroup group, String id, int port, String zone,
            TargetHealth health) {
        String checkPort = group.healthCheck().port();
        return TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(id).port(port).availabilityZone(zone).build())
                .healthCheckPort(TargetGroupHealthCheck.TRAFFIC_PORT.equals(checkPort) ? Integer.toString(port)
                        : checkPort)
                .targetHealth(health)
                .build();
    }

    private static TargetHealth health(TargetHealthState state, String reason, String description) {
        return TargetHealth.builder().state(state.wireName()).reason(reason).description(description).build();
    }
}
