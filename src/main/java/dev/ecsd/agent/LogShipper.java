package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.logs.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships one container's output to a CloudWatch Logs stream, as the {@code awslogs} driver does: follows the
 * container's stdout and stderr and appends them in batches until the container stops.
 */
final class LogShipper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    private static final int MAX_BATCH = 1000;

    private final LogSink sink;
    private final String group;
    private final String stream;
    private final List<LogSink.Event> pending = new ArrayList<>();
    private final CountDownLatch drained = new CountDownLatch(1);
    private final ContainerRuntime.LogFollower follower;
    private volatile boolean closed;

    private LogShipper(ContainerRuntime runtime, LogSink sink, String containerId, String group, String stream,
            Instant since) {
        this.sink = sink;
        this.group = group;
        this.stream = stream;
        this.follower = runtime.followLogs(containerId, since, this::accept);
        Thread.ofVirtual().name("ecsd-logs-" + stream).start(this::flushLoop);
    }

    /** Starts shipping, resuming after the newest event the stream already has. */
    static LogShipper start(ContainerRuntime runtime, LogSink sink, String containerId, String group, String stream) {
        long last = sink.lastEventTimestamp(group, stream);
        Instant since = last < 0 ? null : Instant.ofEpochMilli(last + 1);
        return new LogShipper(runtime, sink, containerId, group, stream, since);
    }

    private void accept(ContainerRuntime.LogLine line) {
        synchronized (pending) {
            pending.add(new LogSink.Event(line.timestamp().toEpochMilli(), line.message()));
        }
    }

    private void flushLoop() {
        try {
            while (true) {
                boolean done = follower.isDone() || closed;
                flush();
                if (done) {
                    break;
                }
                Thread.sleep(FLUSH_EVERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flush();
            drained.countDown();
        }
    }

    private void flush() {
        List<LogSink.Event> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending.subList(0, Math.min(MAX_BATCH, pending.size())));
            pending.subList(0, batch.size()).clear();
        }
        try {
            sink.append(group, stream, batch);
        } catch (RuntimeException e) {
            LOG.warn("could not ship {} log events to {}/{}: {}", batch.size(), group, stream, e.getMessage());
        }
        if (pendingCount() > 0) {
            flush();
        }
    }

    private int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Waits, at most {@code timeout}, for the container's output to be shipped once it has stopped. */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        return drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        follower.close();
    }
}
