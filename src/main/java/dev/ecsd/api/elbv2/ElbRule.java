package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.RuleCondition;
import java.util.List;
import java.util.Map;

/**
 * A rule as DescribeRules shows it: a stored rule, or a listener's default rule, made of the listener's default
 * actions under an ARN of its own, with no conditions and the priority {@code default}.
 */
public record ElbRule(String ruleArn, String listenerArn, String priority, List<RuleCondition> conditions,
        List<RuleAction> actions, boolean isDefault, Map<String, String> tags) {

    public static final String DEFAULT_PRIORITY = "default";

    static ElbRule of(ListenerRule rule) {
        return new ElbRule(rule.ruleArn(), rule.listenerArn(), Integer.toString(rule.priority()), rule.conditions(),
                rule.actions(), false, rule.tags());
    }

    static ElbRule defaultOf(Listener listener, String ruleArn) {
        return new ElbRule(ruleArn, listener.listenerArn(), DEFAULT_PRIORITY, List.of(), listener.defaultActions(),
                true, Map.of());
    }
}
