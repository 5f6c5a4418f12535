package dev.ecsd.telemetry;

import java.util.function.Supplier;

/**
 * A value computed at most once per scrape: several gauges read it in one scrape (tasks by status), and within
 * this short a time they must see one computation, not one each.
 */
final class ScrapeMemo<T> {
    private static final long FRESH_NANOS = 100_000_000L;
    private final Supplier<T> source;
    private T value;
    private long computedAt;

    ScrapeMemo(Supplier<T> source) {
        this.source = source;
    }

    synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - computedAt > FRESH_NANOS) {
            value = source.get();
            computedAt = now;
        }
        return value;
    }
}
