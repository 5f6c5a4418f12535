package dev.ecsd.lb;

import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetHealthState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Turns the configuration, and the health the checks see now, into a routing table. It keeps what must outlive
 * one table — in-flight counters and round-robin positions — so the plane can rebuild on every change.
 */
final class RoutingTableBuilder {
    private final TargetLoads loads;
    private final Map<String, AtomicLong> tickets = new ConcurrentHashMap<>();

    RoutingTableBuilder(TargetLoads loads) {
        this.loads = loads;
    }

    /**
     * @param health a target's health as the checks see it now, if they have seen it; otherwise its health in
     *     the configuration counts
     */
    RoutingTable build(ElbConfiguration configuration, Function<TargetKey, Optional<TargetHealthState>> health) {
        Map<String, ElbLoadBalancer> loadBalancers = new HashMap<>();
        configuration.loadBalancers().forEach(lb -> loadBalancers.put(lb.loadBalancerArn(), lb));
        Map<String, List<ListenerRule>> rulesByListener = new HashMap<>();
        configuration.rules().forEach(rule -> rulesByListener.computeIfAbsent(rule.listenerArn(), k -> new ArrayList<>())
                .add(rule));

        Map<Integer, List<LoadBalancerRoute>> byPort = new TreeMap<>();
        Map<Integer, List<ElbLoadBalancer>> ownersByPort = new TreeMap<>();
        for (Listener listener : configuration.servedListeners()) {
            ElbLoadBalancer loadBalancer = loadBalancers.get(listener.loadBalancerArn());
            byPort.computeIfAbsent(listener.port(), k -> new ArrayList<>())
                    .add(route(loadBalancer, listener, rulesByListener.getOrDefault(listener.listenerArn(), List.of())));
            ownersByPort.computeIfAbsent(listener.port(), k -> new ArrayList<>()).add(loadBalancer);
        }
        Map<Integer, PortRoute> ports = new HashMap<>();
        byPort.forEach((port, routes) -> ports.put(port, portRoute(port, routes, ownersByPort.get(port))));

        Map<String, List<Target>> targetsByGroup = new HashMap<>();
        Set<TargetKey> configured = new HashSet<>();
        for (Target target : configuration.targets()) {
            targetsByGroup.computeIfAbsent(target.targetGroupArn(), k -> new ArrayList<>()).add(target);
            configured.add(TargetKey.of(target));
        }
        Map<String, TargetGroupRoute> groups = new HashMap<>();
        for (TargetGroup group : configuration.targetGroups()) {
            groups.put(group.targetGroupArn(),
                    groupRoute(group, targetsByGroup.getOrDefault(group.targetGroupArn(), List.of()), health));
        }
        tickets.keySet().retainAll(groups.keySet());
        loads.retainConfigured(configured);
        return new RoutingTable(Map.copyOf(ports), Map.copyOf(groups));
    }

    private static LoadBalancerRoute route(ElbLoadBalancer loadBalancer, Listener listener, List<ListenerRule> rules) {
        List<LoadBalancerRoute.Rule> compiled = rules.stream()
                .sorted(Comparator.comparingInt(ListenerRule::priority))
                .map(rule -> new LoadBalancerRoute.Rule(rule.priority(), RuleMatcher.of(rule.conditions()),
                        Router.terminalAction(rule.actions())))
                .toList();
        return new LoadBalancerRoute(loadBalancer.loadBalancerArn(), loadBalancer.dnsName(),
                loadBalancer.idleTimeoutSeconds(), compiled, Router.terminalAction(listener.defaultActions()));
    }

    private static PortRoute portRoute(int port, List<LoadBalancerRoute> routes, List<ElbLoadBalancer> owners) {
        Map<String, ElbLoadBalancer> ownerByArn = new HashMap<>();
        owners.forEach(owner -> ownerByArn.put(owner.loadBalancerArn(), owner));
        Comparator<LoadBalancerRoute> createdFirst = Comparator
                .comparing((LoadBalancerRoute route) -> createdTime(ownerByArn.get(route.loadBalancerArn())))
                .thenComparing(LoadBalancerRoute::loadBalancerArn);
        List<LoadBalancerRoute> ordered = routes.stream().sorted(createdFirst).toList();
        Map<String, LoadBalancerRoute> byDnsName = new LinkedHashMap<>();
        for (LoadBalancerRoute route : ordered) {
            if (route.dnsName() != null) {
                byDnsName.putIfAbsent(route.dnsName().toLowerCase(Locale.ROOT), route);
            }
        }
        return new PortRoute(port, ordered, Map.copyOf(byDnsName));
    }

    private static Instant createdTime(ElbLoadBalancer loadBalancer) {
        return loadBalancer.createdTime() == null ? Instant.MAX : loadBalancer.createdTime();
    }

    private TargetGroupRoute groupRoute(TargetGroup group, List<Target> targets,
            Function<TargetKey, Optional<TargetHealthState>> health) {
        boolean checked = group.healthCheck() != null && group.healthCheck().enabled();
        List<Target> candidates = TargetChoice.candidates(targets, Target::isDraining,
                // without health checks there is nothing to say a target is not healthy
                target -> !checked || health.apply(TargetKey.of(target)).orElse(target.state()) == TargetHealthState.HEALTHY);
        List<RoutableTarget> routable = candidates.stream()
                .sorted(Comparator.comparing(Target::id).thenComparingInt(Target::port))
                .map(target -> new RoutableTarget(TargetKey.of(target), RoutableTarget.hostOf(target.id()),
                        target.port(), loads.counter(TargetKey.of(target))))
                .toList();
        int stickiness = group.stickinessEnabled() && "lb_cookie".equals(
                group.attributes().getOrDefault(ElbAttributes.STICKINESS_TYPE, "lb_cookie"))
                ? Math.max(1, group.stickinessDurationSeconds()) : 0;
        Map<String, RoutableTarget> sticky = new HashMap<>();
        if (stickiness > 0) {
            routable.forEach(target -> sticky.put(Router.stickinessValue(target.key()), target));
        }
        return new TargetGroupRoute(group.targetGroupArn(),
                ElbAttributes.LEAST_OUTSTANDING_REQUESTS.equals(group.algorithm()), routable,
                tickets.computeIfAbsent(group.targetGroupArn(), k -> new AtomicLong()), stickiness, Map.copyOf(sticky));
    }
}
