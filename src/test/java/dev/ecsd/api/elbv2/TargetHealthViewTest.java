package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** What DescribeTargetHealth reports for a target, beside what its checks last saw. */
class TargetHealthViewTest {
    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1";
    private static final TargetGroupHealthCheck CHECK =
            new TargetGroupHealthCheck(true, "HTTP", "traffic-port", "/", 30, 5, 5, 2, "200");
    private static final TargetGroup GROUP = new TargetGroup(ARN, "web", "HTTP", 8080, "HTTP1", "vpc-1", "ip", "ipv4",
            CHECK, Map.of(), Map.of(), Instant.EPOCH);

    private static Target target(TargetHealthState state, String reason, String description) {
        return new Target(ARN, "10.0.0.1", 32768, null, state, reason, description, Instant.EPOCH, null, null);
    }

    @Test
    void aGroupNoListenerForwardsToShowsItsTargetsUnused() {
        TargetHealthDescription health = TargetHealthView.of(GROUP, false,
                target(TargetHealthState.INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress"));
        assertThat(health.targetHealth().stateAsString()).isEqualTo("unused");
        assertThat(health.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");
        assertThat(health.targetHealth().description())
                .isEqualTo("Target group is not configured to receive traffic from the load balancer");
        assertThat(health.healthCheckPort()).isEqualTo("32768");
        assertThat(health.target().port()).isEqualTo(32768);
    }

    @Test
    void aGroupInUseShowsWhatTheChecksSaw() {
        TargetHealthDescription unhealthy = TargetHealthView.of(GROUP, true, target(TargetHealthState.UNHEALTHY,
                "Target.ResponseCodeMismatch", "Health checks failed with these codes: [404]"));
        assertThat(unhealthy.targetHealth().stateAsString()).isEqualTo("unhealthy");
        assertThat(unhealthy.targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
        TargetHealthDescription healthy = TargetHealthView.of(GROUP, true, target(TargetHealthState.HEALTHY, "x", "y"));
        assertThat(healthy.targetHealth().stateAsString()).isEqualTo("healthy");
        assertThat(healthy.targetHealth().reason()).isNull();
        assertThat(healthy.targetHealth().description()).isNull();
    }

    @Test
    void drainingShowsEvenWhenTheGroupIsUnused() {
        Target draining = target(TargetHealthState.HEALTHY, null, null).draining(Instant.EPOCH.plusSeconds(300));
        TargetHealthDescription health = TargetHealthView.of(GROUP, false, draining);
        assertThat(health.targetHealth().stateAsString()).isEqualTo("draining");
        assertThat(health.targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
    }

    @Test
    void disabledHealthChecksShowUnavailable() {
        TargetGroup unchecked = GROUP.withHealthCheck(new TargetGroupHealthCheck(false, "HTTP", "8081", "/", 30, 5, 5,
                2, "200"));
        TargetHealthDescription health = TargetHealthView.of(unchecked, true, target(TargetHealthState.HEALTHY, null,
                null));
        assertThat(health.targetHealth().stateAsString()).isEqualTo("unavailable");
        assertThat(health.targetHealth().reasonAsString()).isEqualTo("Target.HealthCheckDisabled");
        assertThat(health.healthCheckPort()).isEqualTo("8081");
    }

    @Test
    void aTargetAskedForThatIsNotRegisteredShowsUnused() {
        TargetHealthDescription health = TargetHealthView.notRegistered(GROUP, "10.0.0.9", 8080, null);
        assertThat(health.targetHealth().stateAsString()).isEqualTo("unused");
        assertThat(health.targetHealth().reasonAsString()).isEqualTo("Target.NotRegistered");
        assertThat(health.targetHealth().description()).isEqualTo("Target is not registered to the target group");
    }
}
