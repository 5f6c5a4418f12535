package dev.ecsd.agent.runtime;

import dev.ecsd.telemetry.EngineMetrics;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Docker Engine calls with a deadline each and at most a few at a time, the most urgent first (see
 * {@link EngineQueue}: the urgency is the calling thread's {@link EngineUrgency}). A call that misses its deadline
 * fails with {@link RuntimeFailure.Kind#TIMEOUT} and its thread is interrupted, which closes its connection
 * (see {@link EngineHttpClient}) and frees its permit. The bound matters: a 20.10 engine starved of CPU was
 * seen to deadlock for good under 50 simultaneous removals.
 */
final class EngineGate {
    /** At debug, each call and how long it took, its wait for a permit included: where a task's start goes. */
    private static final Logger LOG = LoggerFactory.getLogger(EngineGate.class);
    private final String engine;
    private final int permitCount;
    /** A routine call waits at most this long behind more urgent ones before it goes first. */
    static final Duration PATIENCE = Duration.ofSeconds(2);
    private final EngineQueue permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile EngineMetrics metrics = EngineMetrics.NONE;

    EngineGate(String engine, int permitCount) {
        if (permitCount < 1) {
            throw new IllegalArgumentException("at least one concurrent engine operation is needed");
        }
        this.engine = engine;
        this.permitCount = permitCount;
        this.permits = new EngineQueue(permitCount, PATIENCE, System::nanoTime);
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
        EngineUrgency urgency = EngineUrgency.current();
        FutureTask<T> task = new FutureTask<>(() -> {
            if (!permits.acquire(urgency, deadline)) {
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
        // a real engine call's real latency and deadline, as the engine's own timeouts are (real I/O, not virtual time)
        long started = System.nanoTime();
        Thread.ofVirtual().name("docker " + operation).start(task);
        boolean succeeded = false;
        try {
            T result = task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            succeeded = true;
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} ({}) took {} ms", operation, urgency,
                        String.format("%.1f", (System.nanoTime() - started) / 1e6));
            }
            return result;
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
        } finally {
            if (metrics != EngineMetrics.NONE) {
                metrics.call(EngineCallKind.of(operation), System.nanoTime() - started, succeeded);
            }
        }
    }

    /** Reports each call (its kind, how long it took with its wait for a permit, whether it held) to telemetry. */
    void observe(EngineMetrics metrics) {
        this.metrics = metrics;
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
