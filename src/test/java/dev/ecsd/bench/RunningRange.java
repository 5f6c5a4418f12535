package dev.ecsd.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * The fewest and most containers seen running while a rolling update went on, sampled every 100 ms from the
 * engine on a thread of its own: whether the update kept within its minimum and maximum (a sample can miss a
 * moment between two samples, so a range inside the limits is evidence, not proof).
 */
record RunningRange(int min, int max, int samples) {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    /** Samples {@code running} until the returned handle is stopped. */
    static Sampler sample(IntSupplier running) {
        return new Sampler(running);
    }

    /** Whether every sample lay within {@code [floor, ceiling]}. */
    boolean within(int floor, int ceiling) {
        return samples > 0 && min >= floor && max <= ceiling;
    }

    /** A sampling thread; {@link #stop()} ends it and answers what it saw. */
    static final class Sampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile int min = Integer.MAX_VALUE;
        private volatile int max = Integer.MIN_VALUE;
        private volatile int samples;
        private volatile RuntimeException failure;

        private Sampler(IntSupplier count) {
            thread = Thread.ofPlatform().daemon().name("running-sampler").start(() -> {
                while (running.get()) {
                    try {
                        int now = count.getAsInt();
                        min = Math.min(min, now);
                        max = Math.max(max, now);
                        samples++;
                    } catch (RuntimeException e) {
                        failure = e;
                        return;
                    }
                    try {
                        Thread.sleep(INTERVAL);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        RunningRange stop() {
            // no interrupt: one interrupted mid-request would close its engine connection and read as a failure
            running.set(false);
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new IllegalStateException("sampling the running containers failed", failure);
            }
            return new RunningRange(min, max, samples);
        }
    }
}
