package dev.ecsd.agent.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when told to, for tests that advance virtual time instead of sleeping. Thread-safe;
 * whatever waits on it (such as a {@link SimulatedRuntime}) hears each advance through {@link #onAdvance}.
 */
public final class ManualClock extends Clock {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Starts at 2025-01-01T00:00:00Z, so tests read the same times on every run. */
    public ManualClock() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        synchronized (this) {
            now = now.plus(duration);
        }
        listeners.forEach(Runnable::run);
    }

    /** Moves to {@code instant}, which must not be earlier than now. */
    public void set(Instant instant) {
        synchronized (this) {
            if (instant.isBefore(now)) {
                throw new IllegalArgumentException("time does not go back: " + instant + " is before " + now);
            }
            now = instant;
        }
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after every advance, on the advancing thread. */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("a ManualClock is in UTC");
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }
}
