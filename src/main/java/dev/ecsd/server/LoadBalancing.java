package dev.ecsd.server;

import dev.ecsd.control.elb.TargetGroupController;
import dev.ecsd.control.elb.TrafficPlane;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.lb.ElbConfiguration;
import dev.ecsd.lb.LoadBalancerPlane;
import dev.ecsd.lb.PlaneEvents;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.StateStore;
import dev.ecsd.time.Timer;
import java.util.concurrent.atomic.AtomicReference;

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
        AtomicReference<TargetGroupController> controller = new AtomicReference<>();
        LoadBalancerPlane plane = new LoadBalancerPlane(bindAddress, timer, new PlaneEvents() {
            @Override
            public void healthChanged(String targetGroupArn, String id, int port, TargetHealthState state,
                    String reason, String description) {
                TargetGroupController recorder = controller.get();
                if (recorder != null) {
                    recorder.healthChanged(targetGroupArn, id, port, state, reason, description);
                }
            }

            @Override
            public void listenerPort(String listenerArn, int port, String failureReason) {
                TargetGroupController recorder = controller.get();
                if (recorder != null) {
                    recorder.listenerPort(listenerArn, port, failureReason);
                }
            }
        });
        controller.set(new TargetGroupController(store, new TrafficPlane() {
            @Override
            public void apply(dev.ecsd.model.elb.ElbConfiguration configuration) {
                plane.apply(new ElbConfiguration(configuration.loadBalancers(), configuration.listeners(),
                        configuration.rules(), configuration.targetGroups(), configuration.targets()));
            }

            @Override
            public int inFlight(String targetGroupArn, String id, int port) {
                return plane.inFlight(targetGroupArn, id, port);
            }
        }, controllers));
        return new LoadBalancing(plane);
    }

    @Override
    public void close() {
        plane.close();
    }
}
