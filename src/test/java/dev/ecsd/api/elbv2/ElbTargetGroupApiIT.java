package dev.ecsd.api.elbv2;

import static dev.ecsd.api.elbv2.ElbFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidConfigurationRequestException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.UnsupportedProtocolException;

/** CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target group attributes. */
class ElbTargetGroupApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;

    @Test
    void aNewGroupHasAlbsDefaultsAndARepeatedCreateAnswersIt() {
        TargetGroup group = elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(ElbFixtures.VPC)).targetGroups().getFirst();
        assertThat(group.targetTypeAsString()).isEqualTo("instance");
        assertThat(group.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(group.healthCheckTimeoutSeconds()).isEqualTo(5);
        assertThat(group.healthyThresholdCount()).isEqualTo(5);
        assertThat(group.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(group.healthCheckPath()).isEqualTo("/");
        assertThat(group.matcher().httpCode()).isEqualTo("200");
        assertThat(group.ipAddressTypeAsString()).isEqualTo("ipv4");
        assertThat(group.vpcId()).isEqualTo(ElbFixtures.VPC);

        TargetGroup again = elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(ElbFixtures.VPC)).targetGroups().getFirst();
        assertThat(again).isEqualTo(group);
        assertError(() -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(81)
                .vpcId(ElbFixtures.VPC)), "DuplicateTargetGroupName", "already exists")
                .isInstanceOf(DuplicateTargetGroupNameException.class);
    }

    @Test
    void refusesWhatElbRefuses() {
        assertError(() -> elb.createTargetGroup(r -> r.name("fn").targetType("lambda")), "ValidationError",
                "target type 'lambda' is not supported");
        assertError(() -> elb.createTargetGroup(r -> r.name("tls").protocol(ProtocolEnum.HTTPS).port(443)
                .vpcId(ElbFixtures.VPC)), "UnsupportedProtocol", "target groups of protocol 'HTTPS' are not supported")
                .isInstanceOf(UnsupportedProtocolException.class);
        assertError(() -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP)
                .vpcId(ElbFixtures.VPC)), "ValidationError", "A port must be specified");
        assertError(() -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(80)),
                "ValidationError", "A VPC ID must be specified");
        assertError(() -> elb.createTargetGroup(r -> r.name("web_1").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(ElbFixtures.VPC)), "ValidationError", "Target group name 'web_1' can only contain characters");
        assertError(() -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(ElbFixtures.VPC).healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(10)),
                "ValidationError", "Health check interval must be greater than the timeout.");
        assertError(() -> elb.createTargetGroup(r -> r.name("web").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(ElbFixtures.VPC).matcher(m -> m.httpCode("600"))),
                "ValidationError", "Health check matcher HTTP code '600' must be within '200-499' inclusive");
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
    }

    @Test
    void describesByArnNameOrLoadBalancerAndPages() {
        String web = fixtures.targetGroup("web");
        String api = fixtures.targetGroup("api");
        String idle = fixtures.targetGroup("idle");
        String lb = fixtures.loadBalancer("front");
        fixtures.listener(lb, FreePorts.freePort(), web);
        String listener = elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().getFirst().listenerArn();
        elb.createRule(r -> r.listenerArn(listener).priority(10).conditions(c -> c.field("path-pattern").values("/api"))
                .actions(ElbFixtures.forward(api)));

        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(lb)).targetGroups())
                .extracting(TargetGroup::targetGroupName).containsExactly("api", "web");
        assertThat(elb.describeTargetGroups(r -> r.names("idle")).targetGroups().getFirst().loadBalancerArns())
                .isEmpty();
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(api)).targetGroups().getFirst().loadBalancerArns())
                .containsExactly(lb);
        assertError(() -> elb.describeTargetGroups(r -> r.names("idle", "gone")), "TargetGroupNotFound",
                "One or more target groups not found").isInstanceOf(TargetGroupNotFoundException.class);
        assertError(() -> elb.describeTargetGroups(r -> r.names("idle").targetGroupArns(idle)), "ValidationError",
                "Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time");

        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            DescribeTargetGroupsResponse page = elb.describeTargetGroups(r -> r.pageSize(1).marker(from));
            page.targetGroups().forEach(group -> seen.add(group.targetGroupName()));
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen).containsExactly("api", "idle", "web");
    }

    @Test
    void modifiesTheHealthCheck() {
        String web = fixtures.targetGroup("web");
        TargetGroup modified = elb.modifyTargetGroup(r -> r.targetGroupArn(web).healthCheckPath("/ready")
                .healthCheckPort("9000").healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(3)
                .unhealthyThresholdCount(4).matcher(m -> m.httpCode("200-299"))).targetGroups().getFirst();
        assertThat(modified.healthCheckPath()).isEqualTo("/ready");
        assertThat(modified.healthCheckPort()).isEqualTo("9000");
        assertThat(modified.healthCheckIntervalSeconds()).isEqualTo(10);
        assertThat(modified.healthCheckTimeoutSeconds()).isEqualTo(3);
        assertThat(modified.unhealthyThresholdCount()).isEqualTo(4);
        assertThat(modified.healthyThresholdCount()).isEqualTo(5);
        assertThat(modified.matcher().httpCode()).isEqualTo("200-299");
        assertError(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(web).healthCheckEnabled(false)),
                "InvalidConfigurationRequest", "Health checks cannot be disabled for target groups with target type 'ip'")
                .isInstanceOf(InvalidConfigurationRequestException.class);
        assertError(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(web).healthyThresholdCount(11)),
                "ValidationError", "Value '11' at 'healthyThresholdCount' failed to satisfy constraint");
        assertError(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(web + "0").healthCheckPath("/")),
                "TargetGroupNotFound", "One or more target groups not found");
    }

    @Test
    void aGroupInUseCannotBeDeleted() {
        String web = fixtures.targetGroup("web");
        String lb = fixtures.loadBalancer("front");
        String listener = fixtures.listener(lb, FreePorts.freePort(), web);
        assertError(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(web)), "ResourceInUse",
                "Target group '" + web + "' is currently in use by a listener or a rule")
                .isInstanceOf(ResourceInUseException.class);
        elb.deleteListener(r -> r.listenerArn(listener));
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1")));
        elb.deleteTargetGroup(r -> r.targetGroupArn(web));
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
        elb.deleteTargetGroup(r -> r.targetGroupArn(web)); // deleting what is gone succeeds, as in ELBv2
        assertThat(server.server().store().snapshot().count(dev.ecsd.state.Kind.TARGET)).isZero();
    }

    @Test
    void modifiesAttributesAndRefusesBadOnes() {
        String web = fixtures.targetGroup("web");
        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(web)).attributes()).contains(
                attribute("deregistration_delay.timeout_seconds", "300"), attribute("slow_start.duration_seconds", "0"),
                attribute("stickiness.enabled", "false"), attribute("stickiness.type", "lb_cookie"),
                attribute("stickiness.lb_cookie.duration_seconds", "86400"),
                attribute("load_balancing.algorithm.type", "round_robin"));
        List<TargetGroupAttribute> modified = elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web).attributes(
                attribute("load_balancing.algorithm.type", "least_outstanding_requests"),
                attribute("slow_start.duration_seconds", "60"), attribute("stickiness.enabled", "true"),
                attribute("stickiness.lb_cookie.duration_seconds", "3600"))).attributes();
        assertThat(modified).contains(attribute("load_balancing.algorithm.type", "least_outstanding_requests"),
                attribute("slow_start.duration_seconds", "60"), attribute("stickiness.enabled", "true"),
                attribute("stickiness.lb_cookie.duration_seconds", "3600"));
        assertError(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web)
                        .attributes(attribute("deregistration_delay.timeout_seconds", "3601"))), "ValidationError",
                "'deregistration_delay.timeout_seconds' value '3601' must be between '0-3600' inclusive");
        assertError(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web)
                        .attributes(attribute("slow_start.duration_seconds", "10"))), "ValidationError",
                "'slow_start.duration_seconds' value '10' must be '0' or between '30-900' inclusive");
        assertError(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web)
                        .attributes(attribute("stickiness.type", "source_ip"))), "InvalidConfigurationRequest",
                "Stickiness type 'source_ip' is not supported for target groups with the HTTP protocol");
        assertError(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web)
                        .attributes(attribute("sticky", "true"))), "ValidationError",
                "Target group attribute key 'sticky' is not recognized");
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }
}
