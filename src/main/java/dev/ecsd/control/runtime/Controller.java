package dev.ecsd.control.runtime;

import dev.ecsd.control.runtime.Requeues.Requeue;
import dev.ecsd.telemetry.ControllerMetrics;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controller registered on a {@link ControllerRuntime}: the keyed work queue in front of its reconciler.
 *
 * <p>A key is queued at most once and reconciled by at most one thread at a time; a key enqueued while it is being
 * reconciled runs once more after that reconcile ends. Keys are taken in the order they were queued. A delayed
 * requeue waits on the timer, and only the earliest one per key is kept. A reconcile that throws is retried after
 * a back-off; until that retry, the key is held: enqueues of it are folded into the retry, which re-reads the
 * latest state anyway, so a failing key cannot be retried faster than its back-off by events or resyncs.
 */
public final class Controller {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final String name;
    private final Reconciler reconciler;
    private final Timer timer;
    private final LeaderGate gate;
    private final Backoff backoff;
    private final Supplier<? extends Collection<String>> resyncKeys;
    private final Duration resyncEvery;
    private final boolean manual;
    private final Consumer<String> warnings;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition keysToTake = lock.newCondition();
    private final Condition reconcileEnded = lock.newCondition();
    private final LinkedHashSet<String> queued = new LinkedHashSet<>();
    /** The keys being reconciled and their threads, so that a close from inside a reconcile does not wait on itself. */
    private final Map<String, Thread> inFlight = new HashMap<>();
    private final Set<String> enqueuedWhileInFlight = new LinkedHashSet<>();
    private final Requeues requeues = new Requeues();
    private final Map<String, Integer> failuresInARow = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private long reconciles;
    private long failures;
    private boolean closed;
    private Timer.Scheduled nextResync;
    private volatile ControllerMetrics metrics = ControllerMetrics.NONE;

    Controller(String name, Reconciler reconciler, Timer timer, LeaderGate gate, Backoff backoff,
            Supplier<? extends Collection<String>> resyncKeys, Duration resyncEvery, boolean manual,
            Consumer<String> warnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.timer = timer;
        this.gate = gate;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.resyncKeys = Objects.requireNonNull(resyncKeys, "resyncKeys");
        this.resyncEvery = Objects.requireNonNull(resyncEvery, "resyncEvery");
        if (resyncEvery.isNegative() || resyncEvery.isZero()) {
            throw new IllegalArgumentException("a resync period is positive: " + resyncEvery);
        }
        this.manual = manual;
        this.warnings = warnings;
    }

    /** Starts the worker threads (threaded mode) and the resync, whose first pass enqueues every key at once. */
    void start(int workerCount) {
        if (!manual) {
            lock.lock();
            try {
                for (int i = 1; i <= workerCount; i++) {
                    workers.add(Thread.ofVirtual().name("ecsd-" + name + "-" + i).start(this::work));
                }
            } finally {
                lock.unlock();
            }
        }
        resync();
    }

    public String name() {
        return name;
    }

    /** Queues {@code key} to be reconciled. */
    public void enqueue(String key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            add(key);
        } finally {
            lock.unlock();
        }
    }

    public void enqueueAll(Collection<String> keys) {
        lock.lock();
        try {
            keys.forEach(key -> add(Objects.requireNonNull(key, "key")));
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} once the timer reaches {@code at}, unless an earlier requeue of it is already waiting. */
    public void enqueueAt(String key, Instant at) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        Requeue requeue;
        lock.lock();
        try {
            requeue = closed ? null : requeues.place(key, at, false);
        } finally {
            lock.unlock();
        }
        schedule(key, requeue);
    }

    /** Reports each reconcile and the queue's depth to ecsd's telemetry. */
    void observe(ControllerMetrics metrics) {
        this.metrics = metrics;
        metrics.queue(name, this::queueDepth);
    }

    /** Keys waiting to be reconciled, counting those that will run again after their current reconcile. */
    public int queueDepth() {
        return locked(() -> queued.size() + enqueuedWhileInFlight.size());
    }

    /** Keys being reconciled now. */
    public int inFlight() {
        return locked(() -> inFlight.size());
    }

    /** Keys waiting on the timer: delayed requeues and back-off retries. */
    public int scheduledRequeues() {
        return locked(() -> requeues.size());
    }

    /** Reconciles finished since registration, failed ones included. */
    public long reconciles() {
        return locked(() -> reconciles);
    }

    /** Reconciles that threw since registration. */
    public long failures() {
        return locked(() -> failures);
    }

    /**
     * Manual mode: takes one queued key and reconciles it on the calling thread. False when there is nothing to
     * take (the queue is empty, or the leader gate is closed).
     */
    public boolean runOnce() {
        if (!manual) {
            throw new IllegalStateException(name + " runs on worker threads; only a manual runtime runs here");
        }
        String key = locked(this::take);
        if (key == null) {
            return false;
        }
        reconcile(key);
        return true;
    }

    /** Manual mode: runs this controller's keys until none is left; see {@link ControllerRuntime#runUntilIdle}. */
    public int runUntilIdle() {
        return runUntilIdle(ControllerRuntime.DEFAULT_RUN_BOUND);
    }

    public int runUntilIdle(int maxReconciles) {
        int ran = 0;
        while (runOnce()) {
            if (++ran >= maxReconciles && queueDepth() > 0) {
                throw new IllegalStateException(name + " is still busy after " + ran
                        + " reconciles: a reconcile probably enqueues its own key every time");
            }
        }
        return ran;
    }

    /** Wakes the workers to read the leader gate again. */
    void leadershipChanged() {
        lock.lock();
        try {
            keysToTake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking keys, cancels what waits on the timer, and waits up to {@code grace} for reconciles in flight to
     * end, so that none runs once this returns; one still running after that is interrupted.
     */
    void close(Duration grace) {
        List<Requeue> cancelled = new ArrayList<>();
        Timer.Scheduled resync = null;
        List<Thread> stragglers = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            queued.clear();
            enqueuedWhileInFlight.clear();
            cancelled.addAll(requeues.clear());
            resync = nextResync;
            keysToTake.signalAll();
            long nanos = grace.toNanos();
            while (reconcilingOnOtherThreads() && nanos > 0) {
                nanos = reconcileEnded.awaitNanos(nanos);
            }
            inFlight.values().stream().filter(thread -> thread != Thread.currentThread()).forEach(stragglers::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        cancelled.forEach(Requeue::cancel);
        if (resync != null) {
            resync.cancel();
        }
        stragglers.forEach(Thread::interrupt);
    }

    /** The worker threads, for tests that check they end. */
    List<Thread> workerThreads() {
        return locked(() -> List.copyOf(workers));
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            String key;
            lock.lock();
            try {
                while ((key = take()) == null) {
                    if (closed) {
                        return;
                    }
                    keysToTake.await();
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            reconcile(key);
        }
    }

    /** The next key to reconcile, marked in flight; null if none may be taken now. Called with the lock held. */
    private String take() {
        if (closed || queued.isEmpty() || !gate.isOpen()) {
            return null;
        }
        Iterator<String> first = queued.iterator();
        String key = first.next();
        first.remove();
        inFlight.put(key, Thread.currentThread());
        return key;
    }

    /** Called with the lock held. */
    private void add(String key) {
        if (closed || requeues.holds(key)) {
            return;
        }
        if (inFlight.containsKey(key)) {
            enqueuedWhileInFlight.add(key);
        } else if (queued.add(key)) {
            keysToTake.signal();
        }
    }

    private void reconcile(String key) {
        Outcome outcome = null;
        Throwable failure = null;
        // the reconcile's real cost for the metrics: work on the CPU, which virtual time does not see pass
        long started = System.nanoTime();
        try {
            outcome = Objects.requireNonNull(reconciler.reconcile(key), "the reconciler returned no outcome");
        } catch (Throwable e) {
            failure = e;
        }
        metrics.reconciled(name, System.nanoTime() - started, failure == null);
        finish(key, outcome, failure);
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private void finish(String key, Outcome outcome, Throwable failure) {
        Instant now = timer.instant();
        Requeue requeue = null;
        int attempt = 0;
        Duration retryIn = null;
        lock.lock();
        try {
            inFlight.remove(key);
            reconciles++;
            if (failure != null) {
                failures++;
            }
            if (closed) {
                // Nothing is queued or scheduled once closed.
            } else if (failure != null) {
                attempt = failuresInARow.merge(key, 1, Integer::sum);
                enqueuedWhileInFlight.remove(key);
                retryIn = backoff.delay(attempt);
                requeue = requeues.place(key, now.plus(retryIn), true);
            } else {
                failuresInARow.remove(key);
                requeue = switch (outcome) {
                    case Outcome.Done done -> null;
                    case Outcome.LookAgainAt again -> requeues.place(key, again.at(), false);
                    case Outcome.LookAgainAfter again -> requeues.place(key, now.plus(again.delay()), false);
                };
                if (enqueuedWhileInFlight.remove(key)) {
                    add(key);
                }
            }
            reconcileEnded.signalAll();
        } finally {
            lock.unlock();
        }
        schedule(key, requeue);
        if (retryIn != null) {
            warnings.accept(failureLine(name, key, attempt, failure, retryIn));
            if (LOG.isDebugEnabled()) {
                LOG.debug(name + ": the failed reconcile of " + key, failure);
            }
        }
    }

    /** The one line logged for a failed reconcile: the stack trace is for DEBUG only. */
    static String failureLine(String controller, String key, int attempt, Throwable failure, Duration retryIn) {
        return controller + ": reconcile of " + key + " failed (attempt " + attempt + "): " + failure
                + "; retrying in " + retryIn.toMillis() + " ms";
    }

    private void schedule(String key, Requeue requeue) {
        if (requeue != null) {
            requeue.scheduledAs(timer.schedule(requeue.at, () -> requeueDue(key, requeue)));
        }
    }

    /** Runs on the timer: it only moves the key to the queue. */
    private void requeueDue(String key, Requeue requeue) {
        lock.lock();
        try {
            // A requeue replaced or cancelled since it was scheduled is no longer in the map, whatever the timer did.
            if (requeues.due(key, requeue)) {
                add(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs on the timer (or in {@link #start} for the first pass): only asks for the keys and enqueues them. */
    private void resync() {
        if (locked(() -> closed)) {
            return;
        }
        try {
            enqueueAll(resyncKeys.get());
        } catch (RuntimeException e) {
            warnings.accept(name + ": resync could not list the keys: " + e);
        }
        Timer.Scheduled next = timer.scheduleAfter(resyncEvery, this::resync);
        lock.lock();
        try {
            if (closed) {
                next.cancel();
            } else {
                nextResync = next;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean reconcilingOnOtherThreads() {
        return inFlight.values().stream().anyMatch(thread -> thread != Thread.currentThread());
    }
}
