package dev.ecsd.lb;

import dev.ecsd.model.elb.TargetHealthState;

/**
 * What the data plane observes, for the control plane to record. Calls come from the plane's own threads (health
 * checks, port retries, and the caller of {@code apply}); an implementation should hand them on quickly.
 */
public interface PlaneEvents {

    /**
     * A target's health changed as its checks saw it. Never called for a draining target (a check already
     * running when a target starts draining may still report once; the control plane keeps draining targets as
     * they are). {@code reason} and {@code description} are null for healthy.
     */
    void healthChanged(String targetGroupArn, String id, int port, TargetHealthState state, String reason,
            String description);

    /**
     * Whether a listener's port is served: {@code failureReason} is null once it is bound, or says why it could not
     * be (the plane retries until it can). Called when the plane first serves a listener, and whenever that changes.
     */
    void listenerPort(String listenerArn, int port, String failureReason);
}
