package dev.ecsd.lb;

import java.util.Map;

/**
 * Everything a request needs to be routed, immutable: listeners by port, target groups by ARN. The plane
 * builds a new table on every change and swaps it in atomically; request threads read it without locks.
 */
record RoutingTable(Map<Integer, PortRoute> ports, Map<String, TargetGroupRoute> targetGroups) {
    public static final RoutingTable EMPTY = new RoutingTable(Map.of(), Map.of());
}
