package dev.ecsd.control.runtime;

import java.time.Duration;
import java.util.Objects;

/** How long a failing key waits before its next attempt: {@code base}, doubled by each failure, up to {@code cap}. */
public record Backoff(Duration base, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60));

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("a back-off base is positive: " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("a back-off cap " + cap + " is at least its base " + base);
        }
    }

    /** The wait after the {@code attempt}-th failure in a row (1 for the first). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        Duration delay = base;
        // Doubling until the cap, rather than base * 2^(attempt - 1), cannot overflow however long a key fails.
        for (int i = 1; i < attempt && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) < 0 ? delay : cap;
    }
}
