package dev.ecsd.lb;

import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.LoadBalancerState;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.RuleCondition;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Model records for load balancer tests, with ALB's defaults and short ARNs. */
final class ElbFixtures {
    static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private ElbFixtures() {
    }

    static String loadBalancerArn(String name) {
        return "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/" + name + "/1";
    }

    static String targetGroupArn(String name) {
        return "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/" + name + "/1";
    }

    static String listenerArn(String loadBalancer, int port) {
        return "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/" + loadBalancer + "/1/" + port;
    }

    static ElbLoadBalancer loadBalancer(String name) {
        return loadBalancer(name, CREATED, 60);
    }

    static ElbLoadBalancer loadBalancer(String name, Instant created, int idleTimeoutSeconds) {
        return new ElbLoadBalancer(loadBalancerArn(name), name, ElbLoadBalancer.APPLICATION, "internet-facing",
                name + "-1.us-east-1.elb.localhost", "vpc-1", List.of("subnet-1"), List.of(), "ipv4", created,
                LoadBalancerState.ACTIVE, Map.of(ElbAttributes.IDLE_TIMEOUT, Integer.toString(idleTimeoutSeconds)),
                Map.of());
    }

    static Listener listener(String loadBalancer, int port, RuleAction defaultAction) {
        return new Listener(listenerArn(loadBalancer, port), loadBalancerArn(loadBalancer), "HTTP", port,
                List.of(defaultAction), Map.of());
    }

    static ListenerRule rule(String loadBalancer, int port, int priority, List<RuleCondition> conditions,
            RuleAction action) {
        return new ListenerRule(listenerArn(loadBalancer, port) + "/rule/" + priority, listenerArn(loadBalancer, port),
                priority, conditions, List.of(action), Map.of());
    }

    static RuleCondition condition(String field, String... values) {
        return new RuleCondition(field, List.of(values), null, List.of());
    }

    static TargetGroupHealthCheck healthCheck(String path, int intervalSeconds, int healthyThreshold,
            int unhealthyThreshold, String matcher) {
        return new TargetGroupHealthCheck(true, "HTTP", TargetGroupHealthCheck.TRAFFIC_PORT, path, intervalSeconds,
                Math.max(1, Math.min(5, intervalSeconds - 1)), healthyThreshold, unhealthyThreshold, matcher);
    }

    static TargetGroup targetGroup(String name) {
        return targetGroup(name, healthCheck("/", 30, 5, 2, "200"), Map.of());
    }

    static TargetGroup targetGroup(String name, TargetGroupHealthCheck check, Map<String, String> attributes) {
        Map<String, String> all = new HashMap<>(Map.of(ElbAttributes.DEREGISTRATION_DELAY, "300",
                ElbAttributes.ALGORITHM, ElbAttributes.ROUND_ROBIN, ElbAttributes.STICKINESS_ENABLED, "false"));
        all.putAll(attributes);
        return new TargetGroup(targetGroupArn(name), name, "HTTP", 80, "HTTP1", "vpc-1", "ip", "ipv4", check, all,
                Map.of(), CREATED);
    }

    static Target target(String group, String id, int port, TargetHealthState state) {
        String reason = switch (state) {
            case INITIAL -> "Elb.RegistrationInProgress";
            case UNHEALTHY -> "Target.FailedHealthChecks";
            case DRAINING -> "Target.DeregistrationInProgress";
            default -> null;
        };
        return new Target(targetGroupArn(group), id, port, "us-east-1a", state, reason, null, CREATED,
                state == TargetHealthState.DRAINING ? CREATED.plusSeconds(300) : null, null);
    }
}
