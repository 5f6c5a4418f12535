package dev.ecsd.lb;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load balancers listening on one port. With one, it takes every request. With several, the Host header
 * (without its port, any case) picks the one whose DNS name it is; a request naming none goes to the load
 * balancer created first (then by ARN), so the choice never depends on the order of the configuration.
 *
 * @param loadBalancers in the order of their creation, never empty
 * @param byDnsName the same load balancers by lowercase DNS name
 */
record PortRoute(int port, List<LoadBalancerRoute> loadBalancers, Map<String, LoadBalancerRoute> byDnsName) {

    public LoadBalancerRoute forHost(String host) {
        if (loadBalancers.size() == 1) {
            return loadBalancers.getFirst();
        }
        LoadBalancerRoute named = host == null ? null : byDnsName.get(host.toLowerCase(Locale.ROOT));
        return named != null ? named : loadBalancers.getFirst();
    }
}
