package dev.ecsd.lb;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target a listener may send a request to: where it listens, and its live count of requests in flight (the
 * counter outlives routing tables, so a request started under one table is still counted under the next).
 */
record RoutableTarget(TargetKey key, String host, int port, AtomicInteger inFlight) {

    /**
     * Where a target is reached. An IP target is its address. An instance id ({@code i-…}) is not an address
     * ecsd could resolve: its tasks publish their ports on the loopback of the host that runs them, so it is
     * reached on 127.0.0.1 — right for the one-host server, where every container instance is this machine.
     */
    public static String hostOf(String id) {
        return SourceAddressRange.addressBytes(id).isPresent() ? id : "127.0.0.1";
    }

    public int inFlightNow() {
        return inFlight.get();
    }
}
