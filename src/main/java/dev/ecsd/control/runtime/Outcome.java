package dev.ecsd.control.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a reconcile asks of the runtime: nothing more until something changes, or a look at the key again at a
 * given instant (a deadline, a grace period) because the passing of time alone will change what it decides.
 */
public sealed interface Outcome {

    /** Converged as far as the current state allows; a later change will enqueue the key again. */
    static Outcome done() {
        return Done.DONE;
    }

    /** Reconcile the key again once the time reaches {@code at}. */
    static Outcome lookAgainAt(Instant at) {
        return new LookAgainAt(Objects.requireNonNull(at, "at"));
    }

    /** Reconcile the key again once {@code delay} has passed on the runtime's timer. */
    static Outcome lookAgainAfter(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay is not negative: " + delay);
        }
        return new LookAgainAfter(delay);
    }

    record Done() implements Outcome {
        private static final Done DONE = new Done();
    }

    record LookAgainAt(Instant at) implements Outcome {
    }

    record LookAgainAfter(Duration delay) implements Outcome {
    }
}
