package dev.ecsd.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real time: the system clock, and one daemon thread that runs scheduled actions when they are due. */
public final class SystemTimer implements Timer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemTimer.class);
    private final ScheduledThreadPoolExecutor executor;

    public SystemTimer() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ecsd-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public Scheduled schedule(Instant at, Runnable action) {
        long nanos = Math.max(0, Duration.between(instant(), at).toNanos());
        var future = executor.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("a timed action failed: {}", e.toString());
            }
        }, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
