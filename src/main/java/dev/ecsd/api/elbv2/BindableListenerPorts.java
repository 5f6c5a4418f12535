package dev.ecsd.api.elbv2;

import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A listener's port must be one the server can listen on: one ecsd already serves for a listener (of any load
 * balancer: the Host header tells them apart), or one it can bind on its address right now.
 */
public final class BindableListenerPorts implements ListenerPorts {
    private final StateStore store;
    private final String bindAddress;

    public BindableListenerPorts(StateStore store, String bindAddress) {
        this.store = store;
        this.bindAddress = bindAddress;
    }

    @Override
    public void check(ElbLoadBalancer loadBalancer, int port) {
        if (store.snapshot().all(Kind.LISTENER).anyMatch(l -> l.port() == port)) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        } catch (IOException e) {
            throw ErrorType.VALIDATION_ERROR.exception("A listener of load balancer '" + loadBalancer.name()
                    + "' cannot listen on port " + port + ": ecsd cannot bind " + bindAddress + ":" + port + " ("
                    + e.getMessage() + "). Choose a port nothing else listens on.");
        }
    }
}
