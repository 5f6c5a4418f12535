package dev.ecsd.control.elb;

import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which load balancers forward to a target group, through a listener's default actions or a rule's: what decides
 * whether a group is in use (DescribeTargetGroups' LoadBalancerArns, DescribeTargetHealth's unused targets, the
 * console's target health).
 */
public final class TargetGroupUsers {
    private TargetGroupUsers() {
    }

    /** For every target group a listener or rule forwards to, the load balancers that do, in ARN order. */
    public static Map<String, Set<String>> loadBalancersByTargetGroup(Snapshot state) {
        Map<String, Set<String>> users = new HashMap<>();
        state.all(Kind.LISTENER).forEach(listener -> targetGroupsOf(listener.defaultActions())
                .forEach(group -> users.computeIfAbsent(group, g -> new TreeSet<>()).add(listener.loadBalancerArn())));
        state.all(Kind.LISTENER_RULE).forEach(rule -> state.find(Kind.LISTENER, rule.listenerArn())
                .ifPresent(listener -> targetGroupsOf(rule.actions()).forEach(group -> users
                        .computeIfAbsent(group, g -> new TreeSet<>()).add(listener.loadBalancerArn()))));
        return users;
    }

    /** The load balancers that forward to one target group. */
    public static Set<String> loadBalancersUsing(Snapshot state, String targetGroupArn) {
        return loadBalancersByTargetGroup(state).getOrDefault(targetGroupArn, Set.of());
    }

    private static List<String> targetGroupsOf(List<RuleAction> actions) {
        return actions.stream().flatMap(action -> action.targetGroups().stream())
                .map(RuleAction.WeightedTargetGroup::targetGroupArn).toList();
    }
}
