package dev.ecsd.api.elbv2;

import static dev.ecsd.api.elbv2.ElbFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.SharedServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** RegisterTargets, DeregisterTargets and DescribeTargetHealth. */
class ElbTargetApiIT {
    private static final String INITIAL = "\\Q%s\\E initial (Elb.RegistrationInProgress \\(Target registration is "
            + "in progress\\)|Elb.InitialHealthChecking \\(Initial health checks in progress\\))";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;

    private List<String> health(String group, TargetDescription... targets) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group).targets(targets)).targetHealthDescriptions()
                .stream().map(ElbTargetApiIT::line).toList();
    }

    private static String line(TargetHealthDescription d) {
        return d.target().id() + ":" + d.target().port() + " " + d.targetHealth().stateAsString() + " "
                + d.targetHealth().reasonAsString() + " (" + d.targetHealth().description() + ")";
    }

    @Test
    void registersIpTargetsAtTheGroupsPortUnlessTheyNameOne() {
        String web = fixtures.targetGroup("web");
        fixtures.listener(fixtures.loadBalancer("front"), FreePorts.freePort(), web);
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1"), t -> t.id("127.0.1.2").port(9000))
                .build());
        // initial: registration in progress, or (once the health checker has seen them) the first checks under way
        assertThat(health(web)).satisfiesExactly(
                h -> assertThat(h).matches(INITIAL.formatted("127.0.1.1:8080")),
                h -> assertThat(h).matches(INITIAL.formatted("127.0.1.2:9000")));
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1")));
        assertThat(health(web)).hasSize(2);
    }

    @Test
    void refusesTargetsThatAreNotOfTheGroupsType() {
        String ip = fixtures.targetGroup("ip");
        String instances = elb.createTargetGroup(r -> r.name("instances").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(ElbFixtures.VPC)).targetGroups().getFirst().targetGroupArn();
        assertError(() -> elb.registerTargets(r -> r.targetGroupArn(ip).targets(t -> t.id("i-0123456789abcdef0"))),
                "InvalidTarget", "The IP address 'i-0123456789abcdef0' is not a valid IPv4 address")
                .isInstanceOf(InvalidTargetException.class);
        assertError(() -> elb.registerTargets(r -> r.targetGroupArn(ip).targets(t -> t.id("fd00::7"))),
                "InvalidTarget", "The IP address 'fd00::7' is not a valid IPv4 address");
        String ipv6 = elb.createTargetGroup(r -> r.name("ipv6").protocol(ProtocolEnum.HTTP).port(80).targetType("ip")
                .ipAddressType("ipv6").vpcId(ElbFixtures.VPC)).targetGroups().getFirst().targetGroupArn();
        elb.registerTargets(r -> r.targetGroupArn(ipv6).targets(t -> t.id("fd00::7")));
        assertError(() -> elb.registerTargets(r -> r.targetGroupArn(instances).targets(t -> t.id("127.0.1.1"))),
                "InvalidTarget", "Instance ID '127.0.1.1' is not valid");
        elb.registerTargets(r -> r.targetGroupArn(instances).targets(t -> t.id("i-0123456789abcdef0")));
        assertError(() -> elb.registerTargets(r -> r.targetGroupArn(ip).targets(t -> t.id("127.0.1.1").port(0))),
                "ValidationError", "Value '0' at 'targets.member.port' failed to satisfy constraint");
        assertError(() -> elb.registerTargets(r -> r.targetGroupArn(ip + "0").targets(t -> t.id("127.0.1.1"))),
                "TargetGroupNotFound", "One or more target groups not found")
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertError(() -> elb.registerTargets(r -> r.targetGroupArn(ip)), "ValidationError",
                "Value null at 'targets' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aGroupNoListenerForwardsToShowsItsTargetsUnused() {
        String web = fixtures.targetGroup("web");
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1")));
        assertThat(health(web)).containsExactly("127.0.1.1:8080 unused Target.NotInUse (Target group is not "
                + "configured to receive traffic from the load balancer)");
    }

    @Test
    void deregisteredTargetsDrainForTheDelayOrGoAtOnceWithoutOne() {
        String web = fixtures.targetGroup("web");
        fixtures.listener(fixtures.loadBalancer("front"), FreePorts.freePort(), web);
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1"), t -> t.id("127.0.1.2")).build());
        elb.deregisterTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1")));
        assertThat(health(web)).satisfiesExactly(
                h -> assertThat(h).isEqualTo("127.0.1.1:8080 draining Target.DeregistrationInProgress (Target "
                        + "deregistration is in progress)"),
                h -> assertThat(h).matches(INITIAL.formatted("127.0.1.2:8080")));

        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("0")));
        elb.deregisterTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.2")));
        assertThat(health(web)).containsExactly(
                "127.0.1.1:8080 draining Target.DeregistrationInProgress (Target deregistration is in progress)");
        elb.deregisterTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.9.9"))); // not registered: no-op
    }

    @Test
    void aTargetAskedForThatIsNotRegisteredShowsNotRegistered() {
        String web = fixtures.targetGroup("web");
        elb.registerTargets(r -> r.targetGroupArn(web).targets(t -> t.id("127.0.1.1").port(9000)));
        assertThat(health(web, TargetDescription.builder().id("127.0.1.5").build(),
                TargetDescription.builder().id("127.0.1.1").build())).containsExactly(
                "127.0.1.5:8080 unused Target.NotRegistered (Target is not registered to the target group)",
                "127.0.1.1:9000 unused Target.NotInUse (Target group is not configured to receive traffic from the "
                        + "load balancer)");
        assertThat(health(web, TargetDescription.builder().id("127.0.1.1").port(9001).build())).containsExactly(
                "127.0.1.1:9001 unused Target.NotRegistered (Target is not registered to the target group)");
        assertError(() -> elb.describeTargetHealth(r -> r.targetGroupArn(web + "0")), "TargetGroupNotFound",
                "One or more target groups not found");
    }
}
