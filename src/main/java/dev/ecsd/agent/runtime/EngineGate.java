package dev.ecsd.agent.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Docker Engine calls with a deadline each and at most a few at a time. A call that misses its deadline
 * fails with {@link RuntimeFailure.Kind#TIMEOUT} and its thread is interrupted, which closes its connection
 * (see {@link EngineHttpClient}) and frees its permit. The bound matters: a 20.10 engine starved of CPU was
 * seen to deadlock for good under 50 simultaneous removals.
 */
final class EngineGate {
    private final String engine;
    private final int permitCount;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    EngineGate(String engine, int permitCount) {
        if (permitCount < 1) {
            throw new IllegalArgumentException("at least one concurrent engine operation is needed");
        }
        this.engine = engine;
        this.permitCount = permitCount;
        this.permits = new Semaphore(permitCount, true);
    }

    /** A call that returns nothing. */
    interface Action {
        void run() throws Exception;
    }

    void run(String operation, Duration timeout, Action action) {
        call(operation, timeout, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code call} on its own virtual thread once a permit is free, and waits for it until {@code timeout}
     * (which includes the wait for a permit). Failures come back as {@link RuntimeFailure}s.
     */
    <T> T call(String operation, Duration timeout, Callable<T> call) {
        long deadline = System.nanoTime() + timeout.toNanos();
        FutureTask<T> task = new FutureTask<>(() -> {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("no permit");
            }
            int now = inFlight.incrementAndGet();
            peakInFlight.accumulateAndGet(now, Math::max);
            try {
                return call.call();
            } finally {
                inFlight.decrementAndGet();
                permits.release();
            }
        });
        Thread.ofVirtual().name("docker " + operation).start(task);
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw timeout(operation, timeout);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure(RuntimeFailure.Kind.TIMEOUT, operation + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw timeout(operation, timeout);
            }
            throw EngineErrors.toFailure(operation, e.getCause());
        }
    }

    private RuntimeFailure timeout(String operation, Duration timeout) {
        return new RuntimeFailure(RuntimeFailure.Kind.TIMEOUT,
                "the Docker Engine at " + engine + " did not finish " + operation + " within " + seconds(timeout)
                        + " (" + inFlight.get() + " of " + permitCount + " engine operations in flight)");
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    int inFlight() {
        return inFlight.get();
    }

    int peakInFlight() {
        return peakInFlight.get();
    }

    void resetPeak() {
        peakInFlight.set(inFlight.get());
    }
}
