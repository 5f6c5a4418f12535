package dev.ecsd.model.elb;

import dev.ecsd.model.Lists;
import java.util.List;
import java.util.Map;

/**
 * A non-default rule of a listener: when every condition matches, its actions run. Lower priorities are
 * evaluated first. A listener's default rule is not stored: it is the listener's default actions.
 */
public record ListenerRule(String ruleArn, String listenerArn, int priority, List<RuleCondition> conditions,
        List<RuleAction> actions, Map<String, String> tags) {

    public ListenerRule {
        conditions = Lists.copy(Lists.orEmpty(conditions));
        actions = Lists.copy(Lists.orEmpty(actions));
        tags = Lists.copy(Lists.orEmpty(tags));
    }

    public ListenerRule withPriority(int newPriority) {
        return new ListenerRule(ruleArn, listenerArn, newPriority, conditions, actions, tags);
    }

    public ListenerRule with(List<RuleCondition> newConditions, List<RuleAction> newActions) {
        return new ListenerRule(ruleArn, listenerArn, priority, newConditions, newActions, tags);
    }

    public ListenerRule withTags(Map<String, String> newTags) {
        return new ListenerRule(ruleArn, listenerArn, priority, conditions, actions, newTags);
    }
}
