package dev.ecsd.lb;

import dev.ecsd.model.elb.RuleAction;
import java.util.List;

/**
 * One load balancer's listener on a port as requests see it: its rules in priority order, then its default
 * action. {@code defaultAction} is null when the listener has none ecsd can carry out.
 */
record LoadBalancerRoute(String loadBalancerArn, String dnsName, int idleTimeoutSeconds, List<Rule> rules,
        RuleAction defaultAction) {

    /** A listener rule made ready to match; {@code action} is null when it has none ecsd can carry out. */
    public record Rule(int priority, RuleMatcher matcher, RuleAction action) {
    }

    /** The action for a request: the first rule that matches, else the default. */
    public RuleAction actionFor(RequestView request) {
        for (Rule rule : rules) {
            if (rule.matcher().matches(request)) {
                return rule.action();
            }
        }
        return defaultAction;
    }
}
