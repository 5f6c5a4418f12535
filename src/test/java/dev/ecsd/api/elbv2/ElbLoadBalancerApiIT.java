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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes. */
class ElbLoadBalancerApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;

    @Test
    void refusesWhatElbRefuses() {
        assertError(() -> elb.createLoadBalancer(r -> r.name("internal-web").subnets("subnet-1", "subnet-2")),
                "ValidationError", "The load balancer name 'internal-web' cannot begin with 'internal-'");
        assertError(() -> elb.createLoadBalancer(r -> r.name("web").subnets("subnet-1")),
                "ValidationError", "At least two subnets in two different Availability Zones must be specified");
        assertError(() -> elb.createLoadBalancer(r -> r.name("web").type("gateway").subnets("subnet-1")),
                "ValidationError", "'gateway' load balancers are not supported");
        assertError(() -> elb.createLoadBalancer(r -> r.name("web").scheme("private").subnets("subnet-1", "s-2")),
                "ValidationError", "Value 'private' at 'scheme' failed to satisfy constraint");
        assertError(() -> elb.createLoadBalancer(r -> r.subnets("subnet-1", "subnet-2")),
                "ValidationError", "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void anInternalLoadBalancersDnsNameSaysSo() {
        LoadBalancer lb = elb.createLoadBalancer(r -> r.name("private").scheme("internal")
                .subnets("subnet-1", "subnet-2")).loadBalancers().getFirst();
        assertThat(lb.dnsName()).matches("internal-private-\\d+\\.us-east-1\\.elb\\.localhost");
        assertThat(lb.schemeAsString()).isEqualTo("internal");
    }

    @Test
    void aNetworkLoadBalancerTakesTcpListenersToTcpGroups() {
        LoadBalancer lb = elb.createLoadBalancer(r -> r.name("tcp").type("network").subnets("subnet-1"))
                .loadBalancers().getFirst();
        assertThat(lb.loadBalancerArn()).contains(":loadbalancer/net/tcp/");
        assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z26RNL4JYFTOTI");
        String tcpGroup = elb.createTargetGroup(r -> r.name("tcp").protocol(ProtocolEnum.TCP).port(5432)
                .targetType("ip").vpcId(ElbFixtures.VPC)).targetGroups().getFirst().targetGroupArn();
        String httpGroup = fixtures.targetGroup("http");
        int port = FreePorts.freePort();
        var listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP)
                .port(port).defaultActions(ElbFixtures.forward(tcpGroup))).listeners().getFirst();
        assertThat(listener.protocolAsString()).isEqualTo("TCP");
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(port + 1).defaultActions(ElbFixtures.forward(tcpGroup))),
                "ValidationError", "Listener protocol 'HTTP' must be one of 'TCP, TLS, UDP, TCP_UDP'");
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP)
                .port(port + 1).defaultActions(ElbFixtures.forward(httpGroup))),
                "IncompatibleProtocols", "is not supported with a target group with the protocol 'HTTP'");
        assertThat(elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())).attributes())
                .contains(LoadBalancerAttribute.builder().key("load_balancing.cross_zone.enabled").value("false")
                        .build());
    }

    @Test
    void describesByArnOrNameAndRefusesUnknownOnes() {
        String web = fixtures.loadBalancer("web");
        String api = fixtures.loadBalancer("api");
        assertThat(elb.describeLoadBalancers(r -> r.names("web")).loadBalancers())
                .extracting(LoadBalancer::loadBalancerArn).containsExactly(web);
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(web, api)).loadBalancers())
                .extracting(LoadBalancer::loadBalancerName).containsExactly("api", "web");
        assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(2);
        assertError(() -> elb.describeLoadBalancers(r -> r.names("web", "nope")),
                "LoadBalancerNotFound", "One or more load balancers not found")
                .isInstanceOf(LoadBalancerNotFoundException.class);
        assertError(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns(web + "0")),
                "LoadBalancerNotFound", "One or more load balancers not found");
        assertError(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns("web")),
                "ValidationError", "'web' is not a valid load balancer ARN");
        assertError(() -> elb.describeLoadBalancers(r -> r.names("web").loadBalancerArns(web)),
                "ValidationError", "Load balancer names and load balancer ARNs cannot be specified at the same time");
    }

    @Test
    void pagesWithPageSizeAndMarker() {
        List<String> created = new ArrayList<>();
        for (String name : List.of("lb-a", "lb-b", "lb-c")) {
            created.add(fixtures.loadBalancer(name));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            DescribeLoadBalancersResponse page = elb.describeLoadBalancers(r -> r.pageSize(1).marker(from));
            assertThat(page.loadBalancers()).hasSize(1);
            seen.add(page.loadBalancers().getFirst().loadBalancerArn());
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen).isEqualTo(created);
        assertThat(elb.describeLoadBalancersPaginator(r -> r.pageSize(2)).loadBalancers())
                .extracting(LoadBalancer::loadBalancerArn).isEqualTo(created);
        assertError(() -> elb.describeLoadBalancers(r -> r.pageSize(401)), "ValidationError",
                "Value '401' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to "
                        + "400");
    }

    @Test
    void modifiesAttributesAndRefusesBadOnes() {
        String lb = fixtures.loadBalancer("web");
        assertThat(elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb)).attributes()).contains(
                attribute("idle_timeout.timeout_seconds", "60"), attribute("deletion_protection.enabled", "false"),
                attribute("routing.http2.enabled", "true"), attribute("access_logs.s3.enabled", "false"));
        List<LoadBalancerAttribute> modified = elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb)
                .attributes(attribute("idle_timeout.timeout_seconds", "300"))).attributes();
        assertThat(modified).contains(attribute("idle_timeout.timeout_seconds", "300"));
        assertError(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb)
                        .attributes(attribute("idle_timeout.timeout_seconds", "4001"))),
                "ValidationError", "'idle_timeout.timeout_seconds' value '4001' must be between '1-4000' inclusive");
        assertError(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb)
                        .attributes(attribute("idle.timeout", "1"))),
                "ValidationError", "Load balancer attribute key 'idle.timeout' is not recognized");
        assertError(() -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb + "0")),
                "LoadBalancerNotFound", "One or more load balancers not found");
    }

    @Test
    void deletionProtectionRefusesDeleteAndDeleteTakesListenersAndRulesAlong() {
        String lb = fixtures.loadBalancer("web");
        String listener = fixtures.listener(lb, FreePorts.freePort(), fixtures.targetGroup("web"));
        String rule = elb.createRule(r -> r.listenerArn(listener).priority(1)
                .conditions(c -> c.field("path-pattern").values("/a")).actions(ElbFixtures.fixedResponse("200")))
                .rules().getFirst().ruleArn();
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb)
                .attributes(attribute("deletion_protection.enabled", "true")));
        assertError(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb)), "OperationNotPermitted",
                "Load balancer '" + lb + "' cannot be deleted because deletion protection is enabled")
                .isInstanceOf(OperationNotPermittedException.class);

        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb)
                .attributes(attribute("deletion_protection.enabled", "false")));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));
        assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertError(() -> elb.describeListeners(r -> r.listenerArns(listener)), "ListenerNotFound",
                "One or more listeners not found").isInstanceOf(ListenerNotFoundException.class);
        assertError(() -> elb.describeRules(r -> r.ruleArns(rule)), "RuleNotFound", "One or more rules not found")
                .isInstanceOf(RuleNotFoundException.class);
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb)); // deleting what is gone succeeds, as in ELBv2
    }

    private static LoadBalancerAttribute attribute(String key, String value) {
        return LoadBalancerAttribute.builder().key(key).value(value).build();
    }
}
