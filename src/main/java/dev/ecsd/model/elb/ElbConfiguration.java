package dev.ecsd.model.elb;

import java.util.List;

/** Every ELBv2 record of the state, as the load balancer's data plane is to serve it. */
public record ElbConfiguration(List<ElbLoadBalancer> loadBalancers, List<Listener> listeners, List<ListenerRule> rules,
        List<TargetGroup> targetGroups, List<Target> targets) {

    public ElbConfiguration {
        loadBalancers = List.copyOf(loadBalancers);
        listeners = List.copyOf(listeners);
        rules = List.copyOf(rules);
        targetGroups = List.copyOf(targetGroups);
        targets = List.copyOf(targets);
    }

    public static ElbConfiguration empty() {
        return new ElbConfiguration(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
