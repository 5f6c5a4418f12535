package dev.ecsd.lb;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests in flight per target. A counter lives as long as its target is configured, or as long as requests
 * to it are still in flight after it is gone, so that a count is never lost between routing tables.
 */
final class TargetLoads {
    private final ConcurrentHashMap<TargetKey, AtomicInteger> counters = new ConcurrentHashMap<>();

    AtomicInteger counter(TargetKey key) {
        return counters.computeIfAbsent(key, k -> new AtomicInteger());
    }

    int inFlight(TargetKey key) {
        AtomicInteger counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }

    /** Forgets the idle counters of targets no longer configured. */
    void retainConfigured(Set<TargetKey> configured) {
        counters.entrySet().removeIf(entry -> !configured.contains(entry.getKey()) && entry.getValue().get() == 0);
    }
}
