package dev.ecsd.control.runtime;

import dev.ecsd.telemetry.ControllerMetrics;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every controller of the control plane: each is a {@link Reconciler} behind its own keyed work queue, with
 * back-off, delayed requeues and a periodic resync on one injected {@link Timer}, and one {@link LeaderGate} for
 * all. A {@linkplain #threaded threaded} runtime reconciles on virtual worker threads; a {@linkplain #manual manual}
 * one only when a test calls {@link #runUntilIdle()}, on the test's thread, so that with virtual time a test steps
 * the clock and drains the queues with nothing running behind its back. Controllers are written the same for both.
 */
public final class ControllerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);
    /** How many reconciles {@link #runUntilIdle()} allows before it calls the queue a livelock. */
    public static final int DEFAULT_RUN_BOUND = 10_000;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final Timer timer;
    private final LeaderGate gate;
    private final boolean manual;
    private final Consumer<String> warnings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Controller> controllers = new LinkedHashMap<>();
    private boolean closed;
    private ControllerMetrics metrics = ControllerMetrics.NONE;

    ControllerRuntime(Timer timer, LeaderGate gate, boolean manual, Consumer<String> warnings) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.manual = manual;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Production: each controller reconciles on its own virtual worker threads. */
    public static ControllerRuntime threaded(Timer timer, LeaderGate gate) {
        return new ControllerRuntime(timer, gate, false, LOG::warn);
    }

    public static ControllerRuntime threaded(Timer timer) {
        return threaded(timer, LeaderGate.alwaysOpen());
    }

    /** Tests: nothing is reconciled until the caller runs the queues with {@link #runUntilIdle()}. */
    public static ControllerRuntime manual(Timer timer, LeaderGate gate) {
        return new ControllerRuntime(timer, gate, true, LOG::warn);
    }

    public static ControllerRuntime manual(Timer timer) {
        return manual(timer, LeaderGate.alwaysOpen());
    }

    /**
     * Registers and starts a controller with the default back-off. Its first resync runs now, so every key returned
     * by {@code resyncKeys} is queued at once, and again every {@code resyncEvery}; {@code resyncKeys} runs on the
     * timer's thread and must only read (a snapshot, never the store's write lock). A manual runtime starts no
     * workers, whatever {@code workers} says.
     */
    public Controller register(String name, Reconciler reconciler, Supplier<? extends Collection<String>> resyncKeys,
            Duration resyncEvery, int workers) {
        return register(name, reconciler, resyncKeys, resyncEvery, workers, Backoff.DEFAULT);
    }

    public Controller register(String name, Reconciler reconciler, Supplier<? extends Collection<String>> resyncKeys,
            Duration resyncEvery, int workers, Backoff backoff) {
        if (workers < 1) {
            throw new IllegalArgumentException("a controller has at least one worker: " + workers);
        }
        Controller controller = new Controller(name, reconciler, timer, gate, backoff, resyncKeys, resyncEvery, manual,
                warnings);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the controller runtime is closed");
            }
            if (controllers.putIfAbsent(name, controller) != null) {
                throw new IllegalArgumentException("a controller named " + name + " is already registered");
            }
            controller.observe(metrics);
        } finally {
            lock.unlock();
        }
        controller.start(workers);
        return controller;
    }

    /** Reports every controller's reconciles and queue depth, those registered already and those to come. */
    public void observe(ControllerMetrics metrics) {
        lock.lock();
        try {
            this.metrics = metrics;
            controllers.values().forEach(controller -> controller.observe(metrics));
        } finally {
            lock.unlock();
        }
    }

    public List<Controller> controllers() {
        lock.lock();
        try {
            return List.copyOf(controllers.values());
        } finally {
            lock.unlock();
        }
    }

    /** Tells the workers to read the leader gate again: when it has opened, the keys queued meanwhile run. */
    public void leadershipChanged() {
        controllers().forEach(Controller::leadershipChanged);
    }

    /**
     * Manual mode: reconciles queued keys of every controller on the calling thread, one at a time and taking the
     * controllers in turn, until no queue has a key it may take; returns how many reconciles ran. Keys that wait on
     * the timer are not run: advance the timer, then call this again. Throws if the queues are still busy after
     * {@link #DEFAULT_RUN_BOUND} reconciles, which means some reconcile keeps enqueueing work for now.
     */
    public int runUntilIdle() {
        return runUntilIdle(DEFAULT_RUN_BOUND);
    }

    public int runUntilIdle(int maxReconciles) {
        if (!manual) {
            throw new IllegalStateException("a threaded runtime reconciles on its workers; a manual one runs here");
        }
        int ran = 0;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (Controller controller : controllers()) {
                if (controller.runOnce()) {
                    progressed = true;
                    if (++ran >= maxReconciles && controllers().stream().anyMatch(c -> c.queueDepth() > 0)) {
                        throw new IllegalStateException("the controllers are still busy after " + ran
                                + " reconciles: a reconcile probably enqueues its own key every time");
                    }
                }
            }
        }
        return ran;
    }

    /**
     * Stops every controller: no key is taken any more, requeues and resyncs are cancelled, and reconciles in flight
     * are waited for (a while), so none runs after this returns.
     */
    @Override
    public void close() {
        List<Controller> closing;
        lock.lock();
        try {
            closed = true;
            closing = new ArrayList<>(controllers.values());
        } finally {
            lock.unlock();
        }
        closing.forEach(controller -> controller.close(CLOSE_GRACE));
    }
}
