package dev.ecsd.control.elb;

import dev.ecsd.model.elb.ElbConfiguration;
import java.util.Map;

/** The load balancer's data plane as the control plane drives it: the listeners that carry the traffic. */
public interface TrafficPlane {
    /** Makes the listeners, their routing and their health checks match the configuration. */
    void apply(ElbConfiguration configuration);

    /** Requests in flight to a target now, through any listener. */
    int inFlight(String targetGroupArn, String id, int port);

    /** Every listener that is not listening now (its port cannot be bound, or it is not served), with why. */
    Map<String, String> listenerFailures();

}
