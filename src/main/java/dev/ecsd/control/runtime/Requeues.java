package dev.ecsd.control.runtime;

import dev.ecsd.time.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one controller that wait on the timer: at most one requeue per key, the earliest asked for, except
 * that a back-off retry replaces whatever waited and holds the key until it is due. Not thread-safe: the
 * {@link Controller} calls it under its lock, and schedules a placed requeue on the timer once the lock is released.
 */
final class Requeues {
    private final Map<String, Requeue> byKey = new HashMap<>();

    /** Whether {@code key} waits for a back-off retry, so that it must not run before. */
    boolean holds(String key) {
        Requeue pending = byKey.get(key);
        return pending != null && pending.backoff;
    }

    /**
     * Records that {@code key} should be queued at {@code at}; returns the requeue to schedule, or null when an earlier
     * one already waits or the key is held for a back-off retry.
     */
    Requeue place(String key, Instant at, boolean backoff) {
        Requeue pending = byKey.get(key);
        if (pending != null && !backoff && (pending.backoff || !at.isBefore(pending.at))) {
            return null;
        }
        if (pending != null) {
            pending.cancel();
        }
        Requeue requeue = new Requeue(at, backoff);
        byKey.put(key, requeue);
        return requeue;
    }

    /** Removes {@code requeue} when it falls due; false if it was replaced or cancelled meanwhile. */
    boolean due(String key, Requeue requeue) {
        return byKey.remove(key, requeue);
    }

    int size() {
        return byKey.size();
    }

    /** Forgets every requeue and returns them, to be cancelled on the timer outside the lock. */
    List<Requeue> clear() {
        List<Requeue> all = new ArrayList<>(byKey.values());
        byKey.clear();
        return all;
    }

    /** A key waiting on the timer. Its timer handle arrives after it is recorded, so a cancel may come first. */
    static final class Requeue {
        final Instant at;
        final boolean backoff;
        private volatile Timer.Scheduled scheduled;
        private volatile boolean cancelled;

        private Requeue(Instant at, boolean backoff) {
            this.at = at;
            this.backoff = backoff;
        }

        void scheduledAs(Timer.Scheduled handle) {
            scheduled = handle;
            if (cancelled) {
                handle.cancel();
            }
        }

        void cancel() {
            cancelled = true;
            Timer.Scheduled handle = scheduled;
            if (handle != null) {
                handle.cancel();
            }
        }
    }
}
