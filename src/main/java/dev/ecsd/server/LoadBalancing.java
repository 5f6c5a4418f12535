package dev.ecsd.server;

import dev.ecsd.control.elb.TargetGroupController;
import dev.ecsd.control.elb.TrafficPlane;
import dev.ecsd.control.metrics.RequestCountSource;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.lb.ElbConfiguration;
import dev.ecsd.lb.LoadBalancerPlane;
import dev.ecsd.lb.PlaneEvents;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.StateStore;
import dev.ecsd.time.Timer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in load balancer, wired: the data plane that carries the traffic, and the controller that keeps it
 * serving what the state says and records what it observes.
 */
final class LoadBalancing implements AutoCloseable {
    private final LoadBalancerPlane plane;

    private LoadBalancing(LoadBalancerPlane plane) {
        this.plane = plane;
    }

    static LoadBalancing start(StateStore store, ControllerRuntime controllers, String bindAddress, Timer timer) {
        // The controller may reconcile (and the plane report) before its constructor has returned: a report waits for
        // it rather than being lost, since the plane reports a change only once.
        CompletableFuture<TargetGroupController> controller = new CompletableFuture<>();
        LoadBalancerPlane plane = new LoadBalancerPlane(bindAddress, timer, new PlaneEvents() {
            @Override
            public void healthChanged(String targetGroupArn, String id, int port, TargetHealthState state,
                    String reason, String description) {
                controller.join().healthChanged(targetGroupArn, id, port, state, reason, description);
            }

            @Override
            public void listenerPort(String listenerArn, int port, String failureReason) {
                controller.join().listenerPort(listenerArn, port, failureReason);
            }
        });
        controller.complete(new TargetGroupController(store, new TrafficPlane() {
            @Override
            public void apply(dev.ecsd.model.elb.ElbConfiguration configuration) {
                plane.apply(new ElbConfiguration(configuration.loadBalancers(), configuration.listeners(),
                        configuration.rules(), configuration.targetGroups(), configuration.targets()));
            }

            @Override
            public int inFlight(String targetGroupArn, String id, int port) {
                return plane.inFlight(targetGroupArn, id, port);
            }

            @Override
            public Map<String, String> listenerFailures() {
                return plane.listenerFailures();
            }
        }, controllers));
        return new LoadBalancing(plane);
    }

    /** The data plane's request counters, as the metric publisher reads them. */
    RequestCountSource requestCounts() {
        return () -> plane.requestCounts().entrySet().stream()
                .map(entry -> new RequestCountSource.Reading(entry.getKey().loadBalancerArn(),
                        entry.getKey().targetGroupArn(), entry.getValue().requests(), entry.getValue().target2xx(),
                        entry.getValue().target3xx(), entry.getValue().target4xx(), entry.getValue().target5xx(),
                        entry.getValue().elb5xx()))
                .toList();
    }

    @Override
    public void close() {
        plane.close();
    }
}
