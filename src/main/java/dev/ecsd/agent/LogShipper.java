package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.logs.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships one container's output to a CloudWatch Logs stream, as the {@code awslogs} driver does: follows the
 * container's stdout and stderr and appends them in batches until the container stops.
 *
 * <p>The engine ends a follow when the container stops, but has been seen to end it before sending the
 * container's last lines (a last line without a newline, or the tail of a burst), and a broken connection ends it
 * too. So when a follow ends, the shipper reads again from the newest line it received, skipping what it has,
 * until a read of the stopped container has reached its end.
 */
final class LogShipper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    private static final int MAX_BATCH = 1000;
    /** Follows opened for one container at most: a stream that keeps breaking must not be reopened forever. */
    private static final int MAX_READS = 50;

    private final ContainerRuntime runtime;
    private final LogSink sink;
    /** Stamps a line the runtime gave no time: the agent's clock, virtual in tests. */
    private final InstantSource clock;
    private final String containerId;
    private final String group;
    private final String stream;
    private final Instant since;
    private final List<LogSink.Event> pending = new ArrayList<>();
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile ContainerRuntime.LogFollower follower;
    private volatile boolean closed;
    // guarded by pending: the newest timestamp received, and how many received lines carry exactly that one
    private Instant newest;
    private int receivedAtNewest;

    private LogShipper(ContainerRuntime runtime, LogSink sink, InstantSource clock, String containerId, String group, String stream,
            Instant since) {
        this.clock = clock;
        this.runtime = runtime;
        this.sink = sink;
        this.containerId = containerId;
        this.group = group;
        this.stream = stream;
        this.since = since;
        this.follower = runtime.followLogs(containerId, since, this::accept);
        Thread.ofVirtual().name("ecsd-logs-" + stream).start(this::flushLoop);
    }

    /** Starts shipping, resuming after the newest event the stream already has. */
    static LogShipper start(ContainerRuntime runtime, LogSink sink, InstantSource clock, String containerId,
            String group, String stream) {
        long last = sink.lastEventTimestamp(group, stream);
        Instant since = last < 0 ? null : Instant.ofEpochMilli(last + 1);
        return new LogShipper(runtime, sink, clock, containerId, group, stream, since);
    }

    private void accept(ContainerRuntime.LogLine line) {
        Instant at = line.timestamp() != null ? line.timestamp() : clock.instant();
        synchronized (pending) {
            pending.add(new LogSink.Event(at.toEpochMilli(), line.message()));
            if (newest == null || at.isAfter(newest)) {
                newest = at;
                receivedAtNewest = 1;
            } else if (at.equals(newest)) {
                receivedAtNewest++;
            }
        }
    }

    private void flushLoop() {
        int reads = 1;
        boolean lastRead = false;
        try {
            while (true) {
                boolean ended = follower.isDone() || closed;
                flush();
                if (ended) {
                    if (closed || lastRead || reads >= MAX_READS) {
                        break;
                    }
                    lastRead = !containerRunning();
                    follower = readAgain();
                    reads++;
                    continue;
                }
                Thread.sleep(FLUSH_EVERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeFailure e) {
            // the container is gone, or the engine does not answer: there is nothing more to read
            LOG.debug("stopped reading the output of {} for {}/{}: {}", containerId, group, stream, e.getMessage());
        } finally {
            flush();
            drained.countDown();
        }
    }

    private boolean containerRunning() {
        return runtime.inspect(containerId).map(ContainerObservation::isRunning).orElse(false);
    }

    /** Follows the container again from the newest line received, skipping the lines of that instant it has. */
    private ContainerRuntime.LogFollower readAgain() {
        Instant from;
        int toSkip;
        synchronized (pending) {
            from = newest != null ? newest : since;
            toSkip = newest != null ? receivedAtNewest : 0;
        }
        AtomicInteger skipped = new AtomicInteger();
        return runtime.followLogs(containerId, from, line -> {
            if (from != null && from.equals(line.timestamp()) && skipped.getAndIncrement() < toSkip) {
                return;
            }
            accept(line);
        });
    }

    private void flush() {
        while (true) {
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
        }
    }

    /** Waits, at most {@code timeout}, for the container's output to be shipped once it has stopped. */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        return drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String stream() {
        return group + " " + stream;
    }

    @Override
    public void close() {
        closed = true;
        follower.close();
    }
}
