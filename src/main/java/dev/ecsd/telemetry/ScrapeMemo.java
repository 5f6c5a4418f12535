package dev.ecsd.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * A value computed at most once per scrape: several gauges read it in one scrape (tasks by status), and within
 * this short a time they must see one computation, not one each.
 */
final class ScrapeMemo<T> {
    private static final Duration FRESH = Duration.ofMillis(100);
    private final Supplier<T> source;
    private final InstantSource clock;
    private T value;
    private Instant computedAt;

    ScrapeMemo(Supplier<T> source, InstantSource clock) {
        this.source = source;
        this.clock = clock;
    }

    synchronized T get() {
        Instant now = clock.instant();
        if (value == null || now.isAfter(computedAt.plus(FRESH))) {
            value = source.get();
            computedAt = now;
        }
        return value;
    }
}
