package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.condition;
import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.rule;
import static dev.ecsd.lb.ElbFixtures.target;
import static dev.ecsd.lb.ElbFixtures.targetGroup;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetHealthState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final TargetLoads loads = new TargetLoads();
    private final RoutingTableBuilder builder = new RoutingTableBuilder(loads);

    @Test
    void aLoneLoadBalancerTakesEveryRequestOnItsPort() {
        RoutingTable table = build(configuration(List.of(targetGroup("web")),
                List.of(target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY))));

        assertThat(forwardedTo(table, FakeRequest.get("anything.example", "/"))).isEqualTo("127.0.0.1:8001");
    }

    @Test
    void severalLoadBalancersOnOnePortArePickedByHostAndOtherwiseTheFirstCreated() {
        var older = loadBalancer("older", ElbFixtures.CREATED, 60);
        var newer = loadBalancer("newer", ElbFixtures.CREATED.plusSeconds(10), 60);
        RoutingTable table = build(new ElbConfiguration(List.of(newer, older),
                List.of(listener("newer", 80, RuleAction.forward(targetGroupArn("new"))),
                        listener("older", 80, RuleAction.forward(targetGroupArn("old")))),
                List.of(), List.of(targetGroup("new"), targetGroup("old")),
                List.of(target("new", "127.0.0.1", 9001, TargetHealthState.HEALTHY),
                        target("old", "127.0.0.1", 9002, TargetHealthState.HEALTHY))));

        assertThat(forwardedTo(table, FakeRequest.get("NEWER-1.us-east-1.elb.localhost", "/"))).isEqualTo("127.0.0.1:9001");
        assertThat(forwardedTo(table, FakeRequest.get("older-1.us-east-1.elb.localhost", "/"))).isEqualTo("127.0.0.1:9002");
        assertThat(forwardedTo(table, FakeRequest.get("127.0.0.1", "/"))).isEqualTo("127.0.0.1:9002");
    }

    @Test
    void rulesGoByPriorityBeforeTheDefaultAction() {
        RoutingTable table = build(new ElbConfiguration(List.of(loadBalancer("lb")),
                List.of(listener("lb", 80, RuleAction.forward(targetGroupArn("web")))),
                List.of(rule("lb", 80, 20, List.of(condition("path-pattern", "/api/*")),
                                RuleAction.forward(targetGroupArn("api"))),
                        rule("lb", 80, 10, List.of(condition("path-pattern", "/api/admin/*")),
                                fixed("403", "no admins here"))),
                List.of(targetGroup("web"), targetGroup("api")),
                List.of(target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                        target("api", "127.0.0.1", 8002, TargetHealthState.HEALTHY))));

        assertThat(forwardedTo(table, FakeRequest.get("h", "/api/orders"))).isEqualTo("127.0.0.1:8002");
        assertThat(forwardedTo(table, FakeRequest.get("h", "/index.html"))).isEqualTo("127.0.0.1:8001");
        assertThat(decide(table, FakeRequest.get("h", "/api/admin/users"))).isEqualTo(
                new RouteDecision.Answer(403, "text/plain; charset=utf-8", "no admins here", Map.of()));
    }

    @Test
    void aRedirectAnswersWithItsLocation() {
        RuleAction redirect = new RuleAction(RuleAction.REDIRECT, 1, List.of(), null, null,
                new RuleAction.Redirect("HTTPS", "443", null, "/new/#{path}", null, "HTTP_301"));
        RoutingTable table = build(new ElbConfiguration(List.of(loadBalancer("lb")), List.of(listener("lb", 80, redirect)),
                List.of(), List.of(), List.of()));

        RouteDecision decision = decide(table, FakeRequest.get("shop.example", "/cart").withQuery("id=7"));

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Answer.class, answer -> {
            assertThat(answer.status()).isEqualTo(301);
            assertThat(answer.headers()).containsEntry("Location", "https://shop.example:443/new/cart?id=7");
            assertThat(answer.body()).contains("301 Moved Permanently");
        });
    }

    @Test
    void aGroupWithoutTargetsOrAPortWithoutListenerIs503() {
        RoutingTable table = build(configuration(List.of(targetGroup("web")), List.of()));

        assertThat(decide(table, FakeRequest.get("h", "/"))).isEqualTo(RouteDecision.Answer.page(503));
        assertThat(decide(table, FakeRequest.get("h", "/").onPort(81))).isEqualTo(RouteDecision.Answer.page(503));
        assertThat(RouteDecision.Answer.page(503).body()).contains("503 Service Temporarily Unavailable");
    }

    @Test
    void roundRobinSkipsDrainingAndUnhealthyTargets() {
        RoutingTable table = build(configuration(List.of(targetGroup("web")), List.of(
                target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                target("web", "127.0.0.1", 8002, TargetHealthState.HEALTHY),
                target("web", "127.0.0.1", 8003, TargetHealthState.DRAINING),
                target("web", "127.0.0.1", 8004, TargetHealthState.UNHEALTHY),
                target("web", "127.0.0.1", 8005, TargetHealthState.INITIAL))));

        assertThat(IntStream.range(0, 4).mapToObj(i -> forwardedTo(table, FakeRequest.get("h", "/"))))
                .containsExactly("127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8001", "127.0.0.1:8002");
    }

    @Test
    void theChecksViewOfHealthOverridesTheConfiguration() {
        ElbConfiguration configuration = configuration(List.of(targetGroup("web")), List.of(
                target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                target("web", "127.0.0.1", 8002, TargetHealthState.HEALTHY)));
        TargetKey first = new TargetKey(targetGroupArn("web"), "127.0.0.1", 8001);

        RoutingTable table = builder.build(configuration,
                key -> key.equals(first) ? Optional.of(TargetHealthState.UNHEALTHY) : Optional.empty());

        assertThat(table.targetGroups().get(targetGroupArn("web")).candidates())
                .extracting(RoutableTarget::port).containsExactly(8002);
    }

    @Test
    void withoutHealthChecksEveryTargetThatIsNotDrainingCounts() {
        var unchecked = targetGroup("web").withHealthCheck(
                new dev.ecsd.model.elb.TargetGroupHealthCheck(false, "HTTP", "traffic-port", "/", 30, 5, 5, 2, "200"));
        RoutingTable table = build(configuration(List.of(unchecked), List.of(
                target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                target("web", "127.0.0.1", 8002, TargetHealthState.UNAVAILABLE),
                target("web", "127.0.0.1", 8003, TargetHealthState.DRAINING))));

        assertThat(table.targetGroups().get(targetGroupArn("web")).candidates())
                .extracting(RoutableTarget::port).containsExactly(8001, 8002);
    }

    @Test
    void aWeightedForwardSharesByWeight() {
        RuleAction weighted = new RuleAction(RuleAction.FORWARD, 1, List.of(
                new RuleAction.WeightedTargetGroup(targetGroupArn("blue"), 3),
                new RuleAction.WeightedTargetGroup(targetGroupArn("green"), 1)), null, null, null);
        RoutingTable table = build(new ElbConfiguration(List.of(loadBalancer("lb")), List.of(listener("lb", 80, weighted)),
                List.of(), List.of(targetGroup("blue"), targetGroup("green")),
                List.of(target("blue", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                        target("green", "127.0.0.1", 8002, TargetHealthState.HEALTHY))));

        List<Integer> ports = IntStream.range(0, 4).mapToObj(draw -> (RouteDecision.Forward) Router.decide(table,
                FakeRequest.get("h", "/"), bound -> draw)).map(forward -> forward.target().port()).toList();

        assertThat(ports).containsExactly(8001, 8001, 8001, 8002);
    }

    @Test
    void leastOutstandingRequestsAvoidsTheBusyTarget() {
        var group = targetGroup("web", ElbFixtures.healthCheck("/", 30, 5, 2, "200"),
                Map.of(ElbAttributes.ALGORITHM, ElbAttributes.LEAST_OUTSTANDING_REQUESTS));
        RoutingTable table = build(configuration(List.of(group), List.of(
                target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                target("web", "127.0.0.1", 8002, TargetHealthState.HEALTHY))));
        loads.counter(new TargetKey(targetGroupArn("web"), "127.0.0.1", 8001)).set(5);

        assertThat(IntStream.range(0, 3).mapToObj(i -> forwardedTo(table, FakeRequest.get("h", "/"))))
                .containsOnly("127.0.0.1:8002");
    }

    @Test
    void aStickyGroupSendsTheCookiesHolderBackToItsTarget() {
        var sticky = targetGroup("web", ElbFixtures.healthCheck("/", 30, 5, 2, "200"),
                Map.of(ElbAttributes.STICKINESS_ENABLED, "true", ElbAttributes.STICKINESS_TYPE, "lb_cookie",
                        ElbAttributes.STICKINESS_COOKIE_DURATION, "60"));
        RoutingTable table = build(configuration(List.of(sticky), List.of(
                target("web", "127.0.0.1", 8001, TargetHealthState.HEALTHY),
                target("web", "127.0.0.1", 8002, TargetHealthState.HEALTHY))));
        String cookie = Router.stickinessValue(new TargetKey(targetGroupArn("web"), "127.0.0.1", 8002));

        FakeRequest returning = FakeRequest.get("h", "/").withHeader("Cookie", "a=b; AWSALB=" + cookie);

        assertThat(IntStream.range(0, 3).mapToObj(i -> forwardedTo(table, returning))).containsOnly("127.0.0.1:8002");
        assertThat(decide(table, FakeRequest.get("h", "/"))).isInstanceOfSatisfying(RouteDecision.Forward.class,
                forward -> assertThat(forward.stickinessCookie())
                        .isEqualTo(Router.stickinessValue(forward.target().key())));
    }

    @Test
    void theTerminalActionIsTheLastInOrder() {
        RuleAction forward = new RuleAction(RuleAction.FORWARD, 2, List.of(), null, null, null);
        RuleAction other = new RuleAction("authenticate-oidc", 1, List.of(), null, null, null);

        assertThat(Router.terminalAction(List.of(forward, other))).isSameAs(forward);
        assertThat(Router.terminalAction(List.of(other))).isNull();
    }

    private RoutingTable build(ElbConfiguration configuration) {
        return builder.build(configuration, key -> Optional.empty());
    }

    private static ElbConfiguration configuration(List<dev.ecsd.model.elb.TargetGroup> groups,
            List<dev.ecsd.model.elb.Target> targets) {
        return new ElbConfiguration(List.of(loadBalancer("lb")),
                List.of(listener("lb", 80, RuleAction.forward(groups.getFirst().targetGroupArn()))), List.of(), groups,
                targets);
    }

    private static RouteDecision decide(RoutingTable table, FakeRequest request) {
        return Router.decide(table, request, bound -> 0);
    }

    private static String forwardedTo(RoutingTable table, FakeRequest request) {
        RouteDecision decision = decide(table, request);
        assertThat(decision).isInstanceOf(RouteDecision.Forward.class);
        RoutableTarget target = ((RouteDecision.Forward) decision).target();
        return target.host() + ":" + target.port();
    }

    private static RuleAction fixed(String status, String body) {
        return new RuleAction(RuleAction.FIXED_RESPONSE, 1, List.of(), null,
                new RuleAction.FixedResponse(status, "text/plain", body), null);
    }
}
