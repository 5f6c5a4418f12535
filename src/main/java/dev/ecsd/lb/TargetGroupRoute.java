package dev.ecsd.lb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A target group as requests see it in one routing table: the targets that may get new requests (already
 * filtered by draining and health), how to pick among them, and stickiness. {@code tickets} counts requests for
 * round-robin and is carried over from table to table so that a rebuild does not restart the rotation.
 *
 * @param stickyTargets the candidates by their stickiness cookie value; empty when stickiness is off
 */
record TargetGroupRoute(String targetGroupArn, boolean leastOutstandingRequests, List<RoutableTarget> candidates,
        AtomicLong tickets, int stickinessDurationSeconds, Map<String, RoutableTarget> stickyTargets) {

    public boolean sticky() {
        return stickinessDurationSeconds > 0;
    }

    /** The next target by the group's algorithm; there must be a candidate. */
    public RoutableTarget next() {
        long ticket = tickets.getAndIncrement();
        return leastOutstandingRequests
                ? TargetChoice.leastOutstanding(candidates, RoutableTarget::inFlightNow, ticket)
                : TargetChoice.roundRobin(candidates, ticket);
    }
}
