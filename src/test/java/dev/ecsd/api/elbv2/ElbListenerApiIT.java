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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidLoadBalancerActionException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAssociationLimitException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.UnsupportedProtocolException;

/** CreateListener, DescribeListeners, ModifyListener and DeleteListener. */
class ElbListenerApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;

    @Test
    void aListenerForwardsAndIsAnsweredBothWays() {
        String lb = fixtures.loadBalancer("front");
        String web = fixtures.targetGroup("web");
        int port = FreePorts.freePort();
        Listener listener = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(port)
                .defaultActions(ElbFixtures.forward(web))).listeners().getFirst();
        assertThat(listener.listenerArn()).matches(ElbFixtures.ARN_PREFIX + "listener/app/front/[0-9a-f]{16}/"
                + "[0-9a-f]{16}");
        assertThat(listener.loadBalancerArn()).isEqualTo(lb);
        assertThat(listener.port()).isEqualTo(port);
        assertThat(listener.protocolAsString()).isEqualTo("HTTP");
        Action action = listener.defaultActions().getFirst();
        assertThat(action.typeAsString()).isEqualTo("forward");
        assertThat(action.targetGroupArn()).isEqualTo(web);
        assertThat(action.forwardConfig().targetGroups()).containsExactly(
                TargetGroupTuple.builder().targetGroupArn(web).weight(1).build());
        assertThat(elb.describeListeners(r -> r.listenerArns(listener.listenerArn())).listeners())
                .containsExactly(listener);
    }

    @Test
    void refusesWhatElbRefuses() {
        String lb = fixtures.loadBalancer("front");
        String web = fixtures.targetGroup("web");
        int port = FreePorts.freePort();
        fixtures.listener(lb, port, web);
        assertError(() -> fixtures.listener(lb, port, web), "DuplicateListener", "A listener already exists on port")
                .isInstanceOf(DuplicateListenerException.class);
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTPS).port(port + 1)
                .defaultActions(ElbFixtures.forward(web))), "UnsupportedProtocol", "HTTPS listeners are out of its scope")
                .isInstanceOf(UnsupportedProtocolException.class);
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(70000)
                .defaultActions(ElbFixtures.forward(web))), "ValidationError",
                "Value '70000' at 'port' failed to satisfy constraint: Member must have value less than or equal to "
                        + "65535");
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(port + 1)
                .defaultActions(ElbFixtures.forward(web + "0"))), "TargetGroupNotFound",
                "Target group '" + web + "0' not found").isInstanceOf(TargetGroupNotFoundException.class);
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(port + 1)
                .defaultActions(a -> a.type("redirect").redirectConfig(c -> c.statusCode("HTTP_301")))),
                "InvalidLoadBalancerAction", "it would redirect requests to themselves")
                .isInstanceOf(InvalidLoadBalancerActionException.class);
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb + "0").protocol(ProtocolEnum.HTTP).port(port)
                .defaultActions(ElbFixtures.forward(web))), "LoadBalancerNotFound", "One or more load balancers");
        assertError(() -> elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(port + 1)),
                "ValidationError", "Value null at 'defaultActions' failed to satisfy constraint");
    }

    @Test
    void aTargetGroupServesOnlyOneLoadBalancer() {
        String web = fixtures.targetGroup("web");
        fixtures.listener(fixtures.loadBalancer("one"), FreePorts.freePort(), web);
        String two = fixtures.loadBalancer("two");
        assertError(() -> fixtures.listener(two, FreePorts.freePort(), web), "TargetGroupAssociationLimit",
                "The following target groups cannot be associated with more than one load balancer: " + web)
                .isInstanceOf(TargetGroupAssociationLimitException.class);
    }

    @Test
    void fixedResponsesRedirectsAndWeightedForwards() {
        String lb = fixtures.loadBalancer("front");
        String blue = fixtures.targetGroup("blue");
        String green = fixtures.targetGroup("green");
        Listener weighted = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP)
                .port(FreePorts.freePort()).defaultActions(a -> a.type("forward").forwardConfig(c -> c
                        .targetGroups(TargetGroupTuple.builder().targetGroupArn(blue).weight(80).build(),
                                TargetGroupTuple.builder().targetGroupArn(green).weight(20).build())
                        .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(300)))))
                .listeners().getFirst();
        Action forward = weighted.defaultActions().getFirst();
        assertThat(forward.targetGroupArn()).isNull();
        assertThat(forward.forwardConfig().targetGroups()).extracting(TargetGroupTuple::weight).containsExactly(80, 20);
        assertThat(forward.forwardConfig().targetGroupStickinessConfig().durationSeconds()).isEqualTo(300);

        Listener fixed = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP)
                .port(FreePorts.freePort()).defaultActions(ElbFixtures.fixedResponse("404"))).listeners().getFirst();
        assertThat(fixed.defaultActions().getFirst().fixedResponseConfig().messageBody()).isEqualTo("fixed");
        Listener redirect = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP)
                .port(FreePorts.freePort()).defaultActions(a -> a.type("redirect")
                        .redirectConfig(c -> c.protocol("HTTPS").port("443").statusCode("HTTP_301"))))
                .listeners().getFirst();
        assertThat(redirect.defaultActions().getFirst().redirectConfig().path()).isEqualTo("/#{path}");
        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(lb)).targetGroups()).hasSize(2);
    }

    @Test
    void describesByLoadBalancerWithPagesAndRefusesBadQuestions() {
        String lb = fixtures.loadBalancer("front");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP)
                    .port(FreePorts.freePort()).defaultActions(ElbFixtures.fixedResponse("200")))
                    .listeners().getFirst().listenerArn());
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            DescribeListenersResponse page = elb.describeListeners(r -> r.loadBalancerArn(lb).pageSize(1).marker(from));
            page.listeners().forEach(listener -> seen.add(listener.listenerArn()));
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).hasSize(3);
        assertError(() -> elb.describeListeners(r -> r.pageSize(5)), "ValidationError",
                "You must specify either listener ARNs or a load balancer ARN");
        assertError(() -> elb.describeListeners(r -> r.loadBalancerArn(lb).listenerArns(created.getFirst())),
                "ValidationError", "Listener ARNs and a load balancer ARN cannot be specified at the same time");
        assertError(() -> elb.describeListeners(r -> r.listenerArns(created.getFirst() + "0")), "ListenerNotFound",
                "One or more listeners not found");
    }

    @Test
    void modifiesPortAndActionsAndDeletesWithRules() {
        String lb = fixtures.loadBalancer("front");
        String web = fixtures.targetGroup("web");
        int first = FreePorts.freePort();
        String listener = fixtures.listener(lb, first, web);
        String other = elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP)
                .port(FreePorts.freePort()).defaultActions(ElbFixtures.fixedResponse("200")))
                .listeners().getFirst().listenerArn();
        int moved = FreePorts.freePort();
        Listener modified = elb.modifyListener(r -> r.listenerArn(listener).port(moved)
                .defaultActions(ElbFixtures.fixedResponse("503"))).listeners().getFirst();
        assertThat(modified.port()).isEqualTo(moved);
        assertThat(modified.defaultActions().getFirst().fixedResponseConfig().statusCode()).isEqualTo("503");
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(web)).targetGroups().getFirst()
                .loadBalancerArns()).isEmpty();
        int otherPort = elb.describeListeners(r -> r.listenerArns(other)).listeners().getFirst().port();
        assertError(() -> elb.modifyListener(r -> r.listenerArn(listener).port(otherPort)), "DuplicateListener",
                "A listener already exists on port '" + otherPort + "'");

        elb.createRule(r -> r.listenerArn(listener).priority(1).conditions(c -> c.field("path-pattern").values("/a"))
                .actions(ElbFixtures.forward(web)));
        elb.deleteListener(r -> r.listenerArn(listener));
        assertThat(elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()).extracting(Listener::listenerArn)
                .containsExactly(other);
        assertThat(server.server().store().snapshot().count(dev.ecsd.state.Kind.LISTENER_RULE)).isZero();
        assertError(() -> elb.deleteListener(r -> r.listenerArn(listener)), "ListenerNotFound",
                "One or more listeners not found");
    }
}
