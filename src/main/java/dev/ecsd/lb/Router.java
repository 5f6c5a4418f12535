package dev.ecsd.lb;

import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.RuleAction.FixedResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The routing decision for one request, as data: which load balancer (by port and Host), which action (rules
 * by priority, then the default), and for a forward which target group (by weight) and target (by the group's
 * algorithm and stickiness). Pure but for the groups' shared counters; the listener carries the decision out.
 */
final class Router {
    /** ALB's stickiness cookie for target groups with lb_cookie stickiness. */
    public static final String STICKINESS_COOKIE = "AWSALB";

    private Router() {
    }

    /**
     * @param random given a bound, a uniform random number in [0, bound): it weighs the groups of a forward
     */
    public static RouteDecision decide(RoutingTable table, RequestView request, IntUnaryOperator random) {
        PortRoute port = table.ports().get(request.listenerPort());
        if (port == null) {
            return RouteDecision.Answer.page(503);
        }
        LoadBalancerRoute loadBalancer = port.forHost(request.host());
        RuleAction action = loadBalancer.actionFor(request);
        if (action == null) {
            return RouteDecision.Answer.page(503);
        }
        return switch (action.type()) {
            case RuleAction.FORWARD -> forward(table, loadBalancer, action.targetGroups(), request, random);
            case RuleAction.FIXED_RESPONSE -> fixed(action.fixedResponse());
            case RuleAction.REDIRECT -> action.redirect() == null ? RouteDecision.Answer.page(503)
                    : new RouteDecision.Answer(RedirectLocation.status(action.redirect()), AlbPages.CONTENT_TYPE,
                            AlbPages.page(RedirectLocation.status(action.redirect())),
                            Map.of("Location", RedirectLocation.of(action.redirect(), request)));
            default -> RouteDecision.Answer.page(503);
        };
    }

    /**
     * The action a rule or listener carries out: actions run in their order and the last is the one that
     * answers (forward, fixed-response or redirect); any other kind before it is one ecsd does not do.
     */
    public static RuleAction terminalAction(List<RuleAction> actions) {
        RuleAction terminal = null;
        int terminalOrder = Integer.MIN_VALUE;
        for (int i = 0; i < actions.size(); i++) {
            RuleAction action = actions.get(i);
            int order = action.order() == null ? i : action.order();
            boolean answers = RuleAction.FORWARD.equals(action.type()) || RuleAction.FIXED_RESPONSE.equals(action.type())
                    || RuleAction.REDIRECT.equals(action.type());
            if (answers && (terminal == null || order >= terminalOrder)) {
                terminal = action;
                terminalOrder = order;
            }
        }
        return terminal;
    }

    private static RouteDecision forward(RoutingTable table, LoadBalancerRoute loadBalancer,
            List<RuleAction.WeightedTargetGroup> groups, RequestView request, IntUnaryOperator random) {
        Optional<String> groupArn;
        if (groups.size() == 1) {
            // a forward to one group ignores its weight, as ALB does
            groupArn = Optional.of(groups.getFirst().targetGroupArn());
        } else {
            int total = TargetChoice.totalWeight(groups);
            groupArn = total == 0 ? Optional.empty()
                    : TargetChoice.weightedGroup(groups, random.applyAsInt(total));
        }
        TargetGroupRoute group = groupArn.map(table.targetGroups()::get).orElse(null);
        if (group == null || group.candidates().isEmpty()) {
            return RouteDecision.Answer.page(503);
        }
        if (!group.sticky()) {
            return new RouteDecision.Forward(loadBalancer, group, group.next(), null);
        }
        RoutableTarget target = stickyTarget(group, request).orElseGet(group::next);
        return new RouteDecision.Forward(loadBalancer, group, target, stickinessValue(target.key()));
    }

    private static Optional<RoutableTarget> stickyTarget(TargetGroupRoute group, RequestView request) {
        for (String header : request.headerValues("Cookie")) {
            for (String cookie : header.split(";")) {
                String trimmed = cookie.trim();
                if (trimmed.startsWith(STICKINESS_COOKIE + "=")) {
                    RoutableTarget target = group.stickyTargets().get(trimmed.substring(STICKINESS_COOKIE.length() + 1));
                    if (target != null) {
                        return Optional.of(target);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The AWSALB value naming a target. ALB encrypts it; ecsd only encodes it, which is enough for a cookie that
     * the client hands back unread.
     */
    public static String stickinessValue(TargetKey key) {
        String plain = key.targetGroupArn() + " " + key.id() + " " + key.port();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static RouteDecision fixed(FixedResponse response) {
        if (response == null) {
            return RouteDecision.Answer.page(503);
        }
        int status;
        try {
            status = Integer.parseInt(response.statusCode());
        } catch (NumberFormatException e) {
            return RouteDecision.Answer.page(503);
        }
        String contentType = response.contentType() == null ? "text/plain" : response.contentType();
        return new RouteDecision.Answer(status, contentType + "; charset=utf-8",
                response.messageBody() == null ? "" : response.messageBody(), Map.of());
    }
}
