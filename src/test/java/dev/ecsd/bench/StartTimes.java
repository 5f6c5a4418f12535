package dev.ecsd.bench;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * When the first of N tasks, half of them (rounded up) and all N were seen running, in seconds from the request,
 * measured by the same poller for every system so the anchors and ecsd share its resolution; {@code requestSeconds}
 * is how long the request itself took to return (the SDK call, the {@code docker} command).
 */
record StartTimes(double firstSeconds, double halfSeconds, double allSeconds, double requestSeconds) {
    static final Duration POLL = Duration.ofMillis(50);

    /**
     * Polls {@code running} every {@code interval} until it reaches {@code count}, timing from {@code startNanos}
     * ({@link System#nanoTime()} just before the request); fails after {@code timeout}.
     */
    static StartTimes await(String what, long startNanos, double requestSeconds, int count, IntSupplier running,
            Duration interval, Duration timeout) {
        double first = Double.NaN;
        double half = Double.NaN;
        int seen = 0;
        long deadline = startNanos + timeout.toNanos();
        while (true) {
            seen = running.getAsInt();
            long now = System.nanoTime();
            if (seen >= 1 && Double.isNaN(first)) {
                first = seconds(startNanos, now);
            }
            if (seen >= (count + 1) / 2 && Double.isNaN(half)) {
                half = seconds(startNanos, now);
            }
            if (seen >= count) {
                return new StartTimes(first, half, seconds(startNanos, now), requestSeconds);
            }
            if (now > deadline) {
                throw new IllegalStateException(what + ": " + seen + " of " + count + " running after " + timeout);
            }
            pause(interval);
        }
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    static void pause(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
