package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.RuleCondition;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;

/**
 * CreateRule, DescribeRules, ModifyRule, DeleteRule and SetRulePriorities. A listener's default rule is its default
 * actions: it is described last, its actions change with ModifyListener (or ModifyRule), and it cannot be deleted.
 */
public final class RuleOperations {
    public static final int MAX_RULES_PER_LISTENER = 100;

    private final StateStore store;
    private final ElbResources resources;

    RuleOperations(StateStore store, ElbResources resources) {
        this.store = store;
        this.resources = resources;
    }

    public CreateRuleResponse createRule(CreateRuleRequest request) {
        Snapshot state = store.snapshot();
        Listener listener = resources.listener(state, request.listenerArn());
        checkRulesSupported(state, listener);
        int priority = ElbErrors.range("priority", request.priority(), 1, 50000);
        List<RuleCondition> conditions = ConditionRules.fromSdk(request.conditions());
        List<RuleAction> actions = actions(state, listener, request.actions());
        Map<String, String> tags = ElbTags.add(Map.of(), ElbTags.read(request.tags()));
        ListenerRule created = store.write(tx -> {
            Listener current = resources.listener(tx.state(), listener.listenerArn());
            List<ListenerRule> rules = resources.storedRulesOf(tx.state(), current.listenerArn()).toList();
            if (rules.stream().anyMatch(rule -> rule.priority() == priority)) {
                throw new ApiException(ErrorType.PRIORITY_IN_USE, "Priority '" + priority + "' is currently in use");
            }
            if (rules.size() >= MAX_RULES_PER_LISTENER) {
                throw new ApiException(ErrorType.TOO_MANY_RULES, "You've reached the limit on the number of rules "
                        + "per listener: " + MAX_RULES_PER_LISTENER);
            }
            checkTargets(tx, current, actions);
            String arn = resources.arns().listenerRule(current.listenerArn(), resources.newId());
            return tx.put(Kind.LISTENER_RULE, new ListenerRule(arn, current.listenerArn(), priority, conditions,
                    actions, tags));
        });
        return CreateRuleResponse.builder().rules(List.of(ElbMapper.rule(ElbRule.of(created)))).build();
    }

    public DescribeRulesResponse describeRules(DescribeRulesRequest request) {
        Snapshot state = store.snapshot();
        boolean byArn = request.hasRuleArns() && !request.ruleArns().isEmpty();
        boolean byListener = request.listenerArn() != null;
        if (byArn == byListener) {
            throw ElbErrors.validation(byArn
                    ? "Listener rule ARNs and a listener ARN cannot be specified at the same time"
                    : "You must specify either listener rule ARNs or a listener ARN");
        }
        List<ElbRule> selected;
        if (byListener) {
            selected = resources.rulesOf(state, resources.listener(state, request.listenerArn()));
        } else {
            Map<String, ElbRule> rules = new LinkedHashMap<>();
            request.ruleArns().forEach(arn -> rules.putIfAbsent(arn, resources.rule(state, arn)));
            selected = List.copyOf(rules.values());
        }
        ElbPages.Page<ElbRule> page = ElbPages.page(selected, ElbRule::ruleArn, request.pageSize(), request.marker());
        return DescribeRulesResponse.builder()
                .rules(page.items().stream().map(ElbMapper::rule).toList())
                .nextMarker(page.nextMarker())
                .build();
    }

    /**
     * Replaces a rule's conditions, actions or both. The default rule has no conditions; its actions are its
     * listener's default actions.
     */
    public ModifyRuleResponse modifyRule(ModifyRuleRequest request) {
        Snapshot state = store.snapshot();
        ElbRule rule = resources.rule(state, request.ruleArn());
        Listener listener = resources.listener(state, rule.listenerArn());
        boolean newConditions = request.hasConditions() && !request.conditions().isEmpty();
        boolean newActions = request.hasActions() && !request.actions().isEmpty();
        if (rule.isDefault() && newConditions) {
            throw ElbErrors.notPermitted("The conditions of a default rule cannot be modified");
        }
        List<RuleCondition> conditions = newConditions ? ConditionRules.fromSdk(request.conditions())
                : rule.conditions();
        List<RuleAction> actions = newActions ? actions(state, listener, request.actions()) : rule.actions();
        ElbRule modified = store.write(tx -> {
            ElbRule current = resources.rule(tx.state(), rule.ruleArn());
            Listener currentListener = resources.listener(tx.state(), current.listenerArn());
            checkTargets(tx, currentListener, actions);
            if (current.isDefault()) {
                Listener changed = tx.put(Kind.LISTENER, currentListener.withDefaultActions(actions));
                return ElbRule.defaultOf(changed, current.ruleArn());
            }
            ListenerRule stored = tx.find(Kind.LISTENER_RULE, current.ruleArn()).orElseThrow();
            return ElbRule.of(tx.put(Kind.LISTENER_RULE, stored.with(conditions, actions)));
        });
        return ModifyRuleResponse.builder().rules(List.of(ElbMapper.rule(modified))).build();
    }

    public DeleteRuleResponse deleteRule(DeleteRuleRequest request) {
        store.write(tx -> {
            ElbRule rule = resources.rule(tx.state(), request.ruleArn());
            if (rule.isDefault()) {
                throw ElbErrors.notPermitted("A default rule cannot be deleted");
            }
            tx.delete(Kind.LISTENER_RULE, rule.ruleArn());
            return null;
        });
        return DeleteRuleResponse.builder().build();
    }

    /** Sets the priorities of rules at once, so two rules may swap theirs. */
    public SetRulePrioritiesResponse setRulePriorities(SetRulePrioritiesRequest request) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Set<Integer> priorities = new HashSet<>();
        for (RulePriorityPair pair : request.rulePriorities()) {
            if (pair.ruleArn() == null) {
                throw ElbErrors.validation("A rule ARN must be specified");
            }
            int priority = ElbErrors.range("rulePriorities.member.priority", pair.priority(), 1, 50000);
            if (!priorities.add(priority)) {
                throw ElbErrors.validation("Priority '" + priority + "' was provided multiple times");
            }
            if (wanted.put(pair.ruleArn(), priority) != null) {
                throw ElbErrors.validation("Rule '" + pair.ruleArn() + "' was provided multiple times");
            }
        }
        List<ElbRule> changed = store.write(tx -> {
            Map<String, Map<Integer, String>> byListener = new HashMap<>();
            List<ListenerRule> updated = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : wanted.entrySet()) {
                ElbRule rule = resources.rule(tx.state(), entry.getKey());
                if (rule.isDefault()) {
                    throw ElbErrors.notPermitted("The priority of a default rule cannot be changed");
                }
                ListenerRule stored = tx.find(Kind.LISTENER_RULE, rule.ruleArn()).orElseThrow();
                updated.add(stored.withPriority(entry.getValue()));
                byListener.computeIfAbsent(stored.listenerArn(), arn -> new HashMap<>());
            }
            for (Map.Entry<String, Map<Integer, String>> listener : byListener.entrySet()) {
                resources.storedRulesOf(tx.state(), listener.getKey())
                        .filter(rule -> !wanted.containsKey(rule.ruleArn()))
                        .forEach(rule -> listener.getValue().put(rule.priority(), rule.ruleArn()));
            }
            for (ListenerRule rule : updated) {
                if (byListener.get(rule.listenerArn()).containsKey(rule.priority())) {
                    throw new ApiException(ErrorType.PRIORITY_IN_USE,
                            "Priority '" + rule.priority() + "' is currently in use");
                }
            }
            return updated.stream().map(rule -> ElbRule.of(tx.put(Kind.LISTENER_RULE, rule))).toList();
        });
        return SetRulePrioritiesResponse.builder().rules(changed.stream().map(ElbMapper::rule).toList()).build();
    }

    private List<RuleAction> actions(Snapshot state, Listener listener, List<Action> requested) {
        return ActionRules.fromSdk(requested, "actions", listener.protocol(),
                arn -> state.find(Kind.TARGET_GROUP, arn));
    }

    private void checkRulesSupported(Snapshot state, Listener listener) {
        ElbLoadBalancer lb = resources.loadBalancer(state, listener.loadBalancerArn());
        if (ElbLoadBalancer.NETWORK.equals(lb.type())) {
            throw ElbErrors.invalidConfiguration("The listeners of network load balancers have no rules");
        }
    }

    private void checkTargets(Transaction tx, Listener listener, List<RuleAction> actions) {
        ListenerOperations.checkTargetGroupsExist(tx.state(), actions);
        resources.checkAssociation(tx.state(), listener.loadBalancerArn(), ActionRules.targetGroupsOf(actions));
    }
}
