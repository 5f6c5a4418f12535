package dev.ecsd.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Time for code that waits: the current instant, and actions run once a later instant is reached. Production
 * code uses {@link SystemTimer}; tests substitute virtual time and step it, so nothing waits in real time.
 */
public interface Timer extends InstantSource {

    /**
     * Runs {@code action} once the time has reached {@code at} (soon, if it already has). Actions run on the
     * timer's own thread — with virtual time, on the thread that advances it, and an action already due may run at
     * once on the scheduling thread — so they must be quick and take no lock that a scheduler may hold while
     * waiting: they wake a thread or enqueue work, nothing more.
     */
    Scheduled schedule(Instant at, Runnable action);

    default Scheduled scheduleAfter(Duration delay, Runnable action) {
        return schedule(instant().plus(delay), action);
    }

    /** An action not run yet; cancelling one that has run does nothing. */
    interface Scheduled {
        void cancel();
    }
}
