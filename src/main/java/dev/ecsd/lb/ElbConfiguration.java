package dev.ecsd.lb;

import dev.ecsd.model.Lists;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The ELBv2 configuration the data plane serves: every load balancer, listener, rule, target group and registered target. */
public record ElbConfiguration(List<ElbLoadBalancer> loadBalancers, List<Listener> listeners, List<ListenerRule> rules,
        List<TargetGroup> targetGroups, List<Target> targets) {

    public static final ElbConfiguration EMPTY = new ElbConfiguration(List.of(), List.of(), List.of(), List.of(), List.of());

    public ElbConfiguration {
        loadBalancers = List.copyOf(Lists.orEmpty(loadBalancers));
        listeners = List.copyOf(Lists.orEmpty(listeners));
        rules = List.copyOf(Lists.orEmpty(rules));
        targetGroups = List.copyOf(Lists.orEmpty(targetGroups));
        targets = List.copyOf(Lists.orEmpty(targets));
    }

    /**
     * The HTTP listeners of load balancers that exist: the ones the plane serves (a listener whose load balancer
     * is gone serves nothing).
     */
    public List<Listener> servedListeners() {
        return listenersOfExistingLoadBalancers().stream().filter(ElbConfiguration::isHttp).toList();
    }

    /** Listeners of existing load balancers with a protocol the plane does not serve (HTTPS, TCP…). */
    public List<Listener> unservedListeners() {
        return listenersOfExistingLoadBalancers().stream().filter(listener -> !isHttp(listener)).toList();
    }

    private List<Listener> listenersOfExistingLoadBalancers() {
        Set<String> loadBalancerArns = loadBalancers.stream().map(ElbLoadBalancer::loadBalancerArn)
                .collect(Collectors.toSet());
        return listeners.stream().filter(listener -> loadBalancerArns.contains(listener.loadBalancerArn())).toList();
    }

    private static boolean isHttp(Listener listener) {
        return listener.protocol() == null || "HTTP".equalsIgnoreCase(listener.protocol());
    }

    /**
     * The target groups some served listener or one of its rules forwards to: only these are health checked
     * (ALB shows the others' targets as unused).
     */
    public Set<String> forwardedTargetGroupArns() {
        List<Listener> served = servedListeners();
        Set<String> listenerArns = served.stream().map(Listener::listenerArn).collect(Collectors.toSet());
        Set<String> groups = new LinkedHashSet<>();
        served.forEach(listener -> addForwarded(listener.defaultActions(), groups));
        rules.stream().filter(rule -> listenerArns.contains(rule.listenerArn()))
                .forEach(rule -> addForwarded(rule.actions(), groups));
        return groups;
    }

    private static void addForwarded(List<RuleAction> actions, Set<String> groups) {
        for (RuleAction action : actions) {
            if (RuleAction.FORWARD.equals(action.type())) {
                action.targetGroups().forEach(group -> groups.add(group.targetGroupArn()));
            }
        }
    }
}
