package dev.ecsd.agent.runtime;

import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a simulated container's lines on a virtual thread until it stops running or is closed. Reads the
 * container under the runtime's lock and hands lines to the sink outside it.
 */
final class SimulatedLogFollower implements ContainerRuntime.LogFollower {
    private final ReentrantLock lock;
    private final Condition changed;
    private final BooleanSupplier runtimeClosed;
    private final SimulatedContainer container;
    private final Instant since;
    private final Consumer<LogLine> sink;
    private volatile boolean done;
    private volatile boolean closing;
    private volatile Thread thread;

    private SimulatedLogFollower(ReentrantLock lock, Condition changed, BooleanSupplier runtimeClosed,
                                 SimulatedContainer container, Instant since, Consumer<LogLine> sink) {
        this.lock = lock;
        this.changed = changed;
        this.runtimeClosed = runtimeClosed;
        this.container = container;
        this.since = since;
        this.sink = sink;
    }

    static SimulatedLogFollower start(ReentrantLock lock, Condition changed, BooleanSupplier runtimeClosed,
                                      SimulatedContainer container, Instant since, Consumer<LogLine> sink) {
        SimulatedLogFollower follower = new SimulatedLogFollower(lock, changed, runtimeClosed, container, since, sink);
        follower.thread = Thread.ofVirtual().name("simulated logs " + container.name).start(follower::follow);
        return follower;
    }

    private void follow() {
        int delivered = 0;
        try {
            while (!closing) {
                List<LogLine> fresh;
                boolean last;
                lock.lock();
                try {
                    while (!closing && !runtimeClosed.getAsBoolean() && delivered == container.logs.size()
                            && container.isRunning() && !container.removed) {
                        changed.await();
                    }
                    fresh = List.copyOf(container.logs.subList(delivered, container.logs.size()));
                    delivered = container.logs.size();
                    last = !container.isRunning() || container.removed || runtimeClosed.getAsBoolean();
                } finally {
                    lock.unlock();
                }
                for (LogLine line : fresh) {
                    if (!closing && (since == null || !line.timestamp().isBefore(since))) {
                        sink.accept(line);
                    }
                }
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            done = true;
        }
    }

    @Override
    public void close() {
        closing = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        done = true;
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
