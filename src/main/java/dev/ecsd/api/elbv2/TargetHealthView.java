package dev.ecsd.api.elbv2;

import dev.ecsd.control.elb.TargetHealthReport;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** What DescribeTargetHealth says of a target, on the wire: {@link TargetHealthReport} decides it. */
public final class TargetHealthView {
    public static final String NOT_REGISTERED = TargetHealthReport.NOT_REGISTERED;
    public static final String NOT_REGISTERED_DESCRIPTION = TargetHealthReport.NOT_REGISTERED_DESCRIPTION;
    public static final String NOT_IN_USE = TargetHealthReport.NOT_IN_USE;
    public static final String NOT_IN_USE_DESCRIPTION = TargetHealthReport.NOT_IN_USE_DESCRIPTION;
    public static final String HEALTH_CHECK_DISABLED = TargetHealthReport.HEALTH_CHECK_DISABLED;
    public static final String HEALTH_CHECK_DISABLED_DESCRIPTION = TargetHealthReport.HEALTH_CHECK_DISABLED_DESCRIPTION;

    private TargetHealthView() {
    }

    /** A registered target's health as ELBv2 reports it; {@code inUse}: whether a listener or rule forwards to it. */
    public static TargetHealthDescription of(TargetGroup group, boolean inUse, Target target) {
        return describe(group, target.id(), target.port(), target.availabilityZone(),
                health(TargetHealthReport.of(group, inUse, target)));
    }

    /** What ELBv2 reports for a target asked for by id that is not registered in the group. */
    public static TargetHealthDescription notRegistered(TargetGroup group, String id, int port,
            String availabilityZone) {
        return describe(group, id, port, availabilityZone, health(TargetHealthReport.notRegistered()));
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

    private static TargetHealth health(TargetHealthReport report) {
        return TargetHealth.builder().state(report.state().wireName()).reason(report.reason())
                .description(report.description()).build();
    }
}
