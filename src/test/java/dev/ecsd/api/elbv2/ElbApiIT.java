package dev.ecsd.api.elbv2;

import static dev.ecsd.api.elbv2.ElbFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.SharedServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The issue's walk-through through the ELBv2 SDK client: a load balancer, a target group with its health check
 * flags, its deregistration delay, a listener forwarding to it and a registered target — and all of it still there
 * after the server is killed with SIGKILL. The other Elb*ApiIT classes cover each operation's rules and errors.
 */
class ElbApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;

    @Test
    void theIssuesWalkThrough() {
        LoadBalancer lb = elb.createLoadBalancer(r -> r.name("web-lb").type("application")
                .subnets("subnet-12345678", "subnet-87654321").securityGroups("sg-12345678")).loadBalancers().getFirst();
        assertThat(lb.loadBalancerArn()).matches(ElbFixtures.ARN_PREFIX + "loadbalancer/app/web-lb/[0-9a-f]{16}");
        assertThat(lb.dnsName()).matches("web-lb-\\d+\\.us-east-1\\.elb\\.localhost");
        assertThat(lb.state().codeAsString()).isEqualTo("active");
        assertThat(lb.typeAsString()).isEqualTo("application");
        assertThat(lb.schemeAsString()).isEqualTo("internet-facing");
        assertThat(lb.ipAddressTypeAsString()).isEqualTo("ipv4");
        assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
        assertThat(lb.securityGroups()).containsExactly("sg-12345678");
        assertThat(lb.availabilityZones()).extracting(z -> z.zoneName() + "/" + z.subnetId())
                .containsExactly("us-east-1a/subnet-12345678", "us-east-1b/subnet-87654321");
        assertThat(lb.createdTime()).isNotNull();

        LoadBalancer again = elb.createLoadBalancer(r -> r.name("web-lb").type("application")
                .subnets("subnet-87654321", "subnet-12345678").securityGroups("sg-12345678")).loadBalancers().getFirst();
        assertThat(again.loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
        assertError(() -> elb.createLoadBalancer(r -> r.name("web-lb").scheme("internal")
                .subnets("subnet-12345678", "subnet-87654321")), "DuplicateLoadBalancerName", "already exists")
                .isInstanceOf(DuplicateLoadBalancerNameException.class);

        TargetGroup tg = elb.createTargetGroup(r -> r.name("web-tg").protocol(ProtocolEnum.HTTP).port(8080)
                .targetType("ip").vpcId("vpc-12345678").healthCheckPath("/health").healthCheckIntervalSeconds(5)
                .healthyThresholdCount(2)).targetGroups().getFirst();
        assertThat(tg.targetGroupArn()).matches(ElbFixtures.ARN_PREFIX + "targetgroup/web-tg/[0-9a-f]{16}");
        assertThat(tg.healthCheckPath()).isEqualTo("/health");
        assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(5);
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(4);
        assertThat(tg.healthyThresholdCount()).isEqualTo(2);
        assertThat(tg.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(tg.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(tg.healthCheckProtocolAsString()).isEqualTo("HTTP");
        assertThat(tg.healthCheckEnabled()).isTrue();
        assertThat(tg.matcher()).isEqualTo(Matcher.builder().httpCode("200").build());
        assertThat(tg.protocolVersion()).isEqualTo("HTTP1");
        assertThat(tg.targetTypeAsString()).isEqualTo("ip");
        assertThat(tg.loadBalancerArns()).isEmpty();

        List<TargetGroupAttribute> attributes = elb.modifyTargetGroupAttributes(r -> r
                .targetGroupArn(tg.targetGroupArn()).attributes(TargetGroupAttribute.builder()
                        .key("deregistration_delay.timeout_seconds").value("10").build())).attributes();
        assertThat(attributes).contains(attribute("deregistration_delay.timeout_seconds", "10"),
                attribute("stickiness.type", "lb_cookie"), attribute("load_balancing.algorithm.type", "round_robin"));

        int port = FreePorts.freePort();
        elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn())
                .targets(TargetDescription.builder().id("127.0.0.1").port(32768).build()));
        TargetHealthDescription unused = elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions().getFirst();
        assertThat(unused.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");

        String listener = fixtures.listener(lb.loadBalancerArn(), port, tg.targetGroupArn());
        assertThat(listener).startsWith(ElbFixtures.ARN_PREFIX + "listener/app/web-lb/");
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(tg.targetGroupArn())).targetGroups().getFirst()
                .loadBalancerArns()).containsExactly(lb.loadBalancerArn());
        TargetHealthDescription initial = elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions().getFirst();
        assertThat(initial.target().id()).isEqualTo("127.0.0.1");
        assertThat(initial.target().port()).isEqualTo(32768);
        assertThat(initial.healthCheckPort()).isEqualTo("32768");
        assertThat(initial.targetHealth().stateAsString()).isEqualTo("initial");
        // the health checker may already have started its first checks
        assertThat(initial.targetHealth().reasonAsString()).isIn("Elb.RegistrationInProgress",
                "Elb.InitialHealthChecking");
    }

    @Test
    void everythingSurvivesAKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            String before;
            String lb;
            try (ElasticLoadBalancingV2Client client = process.elbv2()) {
                ElbFixtures fixtures = new ElbFixtures(client);
                lb = fixtures.loadBalancer("durable");
                String tg = fixtures.targetGroup("durable");
                String listener = fixtures.listener(lb, FreePorts.freePort(), tg);
                fixtures.elb.createRule(r -> r.listenerArn(listener).priority(7)
                        .conditions(c -> c.field("path-pattern").values("/api/*"))
                        .actions(ElbFixtures.fixedResponse("503")).tags(t -> t.key("tier").value("api")));
                fixtures.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb).attributes(a -> a
                        .key("idle_timeout.timeout_seconds").value("120")));
                fixtures.elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.1.7").port(8080)));
                fixtures.elb.addTags(r -> r.resourceArns(lb, tg, listener).tags(t -> t.key("team").value("web")));
                before = everything(fixtures.elb, lb, tg, listener);
            }
            process.kill9();
            process.restart();
            try (ElasticLoadBalancingV2Client client = process.elbv2()) {
                ElbFixtures fixtures = new ElbFixtures(client);
                String tg = fixtures.elb.describeTargetGroups(r -> r.names("durable")).targetGroups().getFirst()
                        .targetGroupArn();
                String listener = fixtures.elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().getFirst()
                        .listenerArn();
                assertThat(everything(fixtures.elb, lb, tg, listener)).isEqualTo(before);
            }
        }
    }

    /** Every answer about the resources, as text, to compare before and after a restart. */
    private static String everything(ElasticLoadBalancingV2Client elb, String lb, String tg, String listener) {
        List<String> rules = elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
                .map(rule -> rule.ruleArn()).toList();
        return String.join("\n",
                elb.describeLoadBalancers(r -> r.loadBalancerArns(lb)).loadBalancers().toString(),
                elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb)).attributes().toString(),
                elb.describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().toString(),
                elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg)).attributes().toString(),
                elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().toString(),
                elb.describeListeners(r -> r.listenerArns(listener)).listeners().toString(),
                elb.describeRules(r -> r.listenerArn(listener)).rules().toString(),
                elb.describeTags(r -> r.resourceArns(lb, tg, listener, rules.getFirst())).tagDescriptions().toString());
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }
}
