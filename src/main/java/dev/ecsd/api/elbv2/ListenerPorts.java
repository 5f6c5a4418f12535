package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.ElbLoadBalancer;

/**
 * Whether the server can listen on a port for a load balancer's listener. The load balancer's data plane answers;
 * CreateListener and ModifyListener ask before they store a listener on a port.
 */
@FunctionalInterface
public interface ListenerPorts {
    /** Takes every port: for tests, and for servers that carry no traffic. */
    ListenerPorts ANY = (loadBalancer, port) -> { };

    /**
     * Throws an {@link dev.ecsd.model.ApiException} (a ValidationError, saying why) when a listener of
     * {@code loadBalancer} cannot serve {@code port}.
     */
    void check(ElbLoadBalancer loadBalancer, int port);
}
