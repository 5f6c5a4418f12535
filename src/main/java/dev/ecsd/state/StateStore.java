package dev.ecsd.state;

import dev.ecsd.model.ModelJson;
import dev.ecsd.telemetry.StoreMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one source of truth: a single writer, immutable snapshots for readers, and a durable backend
 * that every write reaches before it becomes visible. Listeners hear of each committed write.
 *
 * <p>Group commit: transactions are applied one at a time, each on top of all before it, durable or not. Their
 * rows queue while the committer thread makes the previous batch durable; it then commits everything queued in
 * one backend commit (one fsync), publishes the new snapshot, tells the listeners in commit order and releases
 * the batch's writers. If a commit fails, its transactions and every one applied on top of them fail, and the
 * next transaction starts again from the last durable snapshot.
 */
public final class StateStore implements AutoCloseable {
    /** Transactions per backend commit when not told otherwise: bounds how long the last writer of a batch waits. */
    public static final int DEFAULT_MAX_BATCH = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final StoreBackend backend;
    private final InstantSource clock;
    private final int maxBatch;
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
    private final Thread committer;
    private volatile StoreMetrics metrics = StoreMetrics.NONE;

    // Guards everything below; transactions run holding it, so they are applied one at a time.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition settled = lock.newCondition();
    /** What the next transaction starts from: {@link #current} plus every write applied but not yet durable. */
    private Snapshot writerView;
    private List<Pending> queue = new ArrayList<>();
    private boolean closed;
    /** The last durable state: all that readers see. */
    private volatile Snapshot current;
    private long transactions;
    private long writerHeldNanos;
    private long longestHoldNanos;

    private StateStore(StoreBackend backend, InstantSource clock, Snapshot loaded, int maxBatch) {
        this.backend = backend;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.current = loaded;
        this.writerView = loaded;
        // A platform thread: the backend's commit is a native call that would pin a virtual thread's carrier.
        this.committer = Thread.ofPlatform().name("ecsd-state-committer").daemon().unstarted(this::commitLoop);
    }

    /** Opens a store on a backend, loading everything it holds. */
    public static StateStore open(StoreBackend backend, InstantSource clock) {
        return open(backend, clock, DEFAULT_MAX_BATCH);
    }

    /**
     * Opens a store that commits at most {@code maxBatch} transactions at a time; 1 gives every write its own
     * backend commit, as before group commit, for comparisons.
     */
    public static StateStore open(StoreBackend backend, InstantSource clock, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        Map<Kind<?>, Map<String, Object>> tables = new HashMap<>();
        for (StoreBackend.Row row : backend.loadAll()) {
            Kind<?> kind = Kind.named(row.kind());
            tables.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                    .put(row.key(), ModelJson.read(row.json(), kind.type()));
        }
        StateStore store = new StateStore(backend, clock, Snapshot.empty().with(0, tables), maxBatch);
        store.committer.start();
        return store;
    }

    /** The latest durable state. */
    public Snapshot snapshot() {
        return current;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs {@code work} as the only writer, on top of every write before it. If it returns normally, this returns
     * once its writes are durable, visible and announced; if it throws, nothing it wrote is kept. A transaction
     * that wrote nothing still waits until what it read is durable, and fails if that cannot be made durable.
     */
    public <R> R write(Function<Transaction, R> work) {
        if (Thread.currentThread() == committer) {
            throw new IllegalStateException("a store listener must not write: it would wait for its own commit; "
                    + "it should only enqueue work");
        }
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                throw new IllegalStateException("a transaction must not start another one: "
                        + "it would not see the outer one's writes");
            }
            if (closed) {
                throw new IllegalStateException("the state store is closed");
            }
            long heldSince = System.nanoTime();
            Transaction transaction = new Transaction(writerView, now());
            R result;
            try {
                result = work.apply(transaction);
            } finally {
                held(System.nanoTime() - heldSince);
            }
            if (transaction.isEmpty() && writerView == current) {
                return result;
            }
            // the transaction's working view is its writes applied to writerView already: not applied twice
            Snapshot after = transaction.isEmpty() ? writerView
                    : transaction.state().atVersion(writerView.version() + 1);
            Pending pending = new Pending(rows(transaction), transaction.changes(), after);
            writerView = after;
            queue.add(pending);
            queued.signal();
            while (!pending.settled) {
                settled.awaitUninterruptibly(); // the write may be durable already: it cannot be taken back
            }
            if (pending.failure != null) {
                throw pending.failure;
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** How often and how long writers have held the store's one writer lock, for a whole picture of contention. */
    public record WriterStats(long transactions, Duration totalHold, Duration longestHold) {
    }

    public WriterStats writerStats() {
        lock.lock();
        try {
            return new WriterStats(transactions, Duration.ofNanos(writerHeldNanos), Duration.ofNanos(longestHoldNanos));
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held, after a transaction's work. */
    private void held(long nanos) {
        transactions++;
        writerHeldNanos += nanos;
        longestHoldNanos = Math.max(longestHoldNanos, nanos);
    }

    /** Reports each backend commit (its batch's size, how long it took, whether it held) to ecsd's telemetry. */
    public void observe(StoreMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Hears every committed write, after it is visible and before its writer is released, in commit order, on
     * the store's committer thread. Listeners must be quick and must not write: they only enqueue work. One that
     * throws is logged and does not fail the write, which is durable already.
     */
    public void subscribe(Consumer<List<Change>> listener) {
        listeners.add(listener);
    }

    /** Removes all state, durably. Listeners hear a deletion of every record. */
    public void wipe() {
        write(transaction -> {
            for (Kind<?> kind : Kind.ALL) {
                deleteAll(transaction, kind);
            }
            return null;
        });
    }

    /** Refuses new writes, makes those already applied durable (or fails them), then closes the backend. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (committer.isAlive()) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                interrupted = true; // the backend must not close under a commit
            }
        }
        backend.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitLoop() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed, and everything applied has been settled
                }
                batch = take();
            } finally {
                lock.unlock();
            }
            RuntimeException failure = commit(batch);
            if (failure == null) {
                current = batch.getLast().after;
                batch.forEach(pending -> announce(pending.changes));
            }
            lock.lock();
            try {
                if (failure != null) {
                    fail(batch, failure);
                }
                batch.forEach(pending -> pending.settled = true);
                settled.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private List<Pending> take() {
        if (queue.size() <= maxBatch) {
            List<Pending> batch = queue;
            queue = new ArrayList<>();
            return batch;
        }
        List<Pending> head = queue.subList(0, maxBatch);
        List<Pending> batch = new ArrayList<>(head);
        head.clear();
        return batch;
    }

    /** Commits a batch's rows in one backend commit; returns what went wrong, if anything did. */
    private RuntimeException commit(List<Pending> batch) {
        List<StoreBackend.Row> rows = new ArrayList<>();
        batch.forEach(pending -> rows.addAll(pending.rows));
        if (rows.isEmpty()) {
            return null;
        }
        // the commit's real latency for the metrics: an fsync takes real time whatever the store's clock says
        long started = System.nanoTime();
        RuntimeException failure = null;
        try {
            backend.commit(rows);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            // Whatever it is, the committer must live on: every writer waits for it.
            failure = new IllegalStateException(e.toString(), e);
        }
        metrics.committed(batch.size(), System.nanoTime() - started, failure == null);
        return failure;
    }

    /** Fails a batch and every transaction applied on top of it, and forgets their writes. */
    private void fail(List<Pending> batch, RuntimeException failure) {
        LOG.error("a commit of {} transactions failed; they and {} applied on top of them are not kept",
                batch.size(), queue.size(), failure);
        for (Pending pending : batch) {
            pending.failure = new IllegalStateException(failure.getMessage(), failure);
        }
        for (Pending pending : queue) {
            pending.failure = new IllegalStateException("not kept: it was applied on top of a write that could not "
                    + "be made durable: " + failure.getMessage(), failure);
            pending.settled = true;
        }
        queue = new ArrayList<>();
        writerView = current;
    }

    private void announce(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (Consumer<List<Change>> listener : listeners) {
            try {
                listener.accept(changes);
            } catch (RuntimeException | Error e) {
                // The write is durable and visible: a listener's trouble is its own, not the writer's.
                LOG.warn("store listener {} failed on a committed write: {}", listener, e.toString());
            }
        }
    }

    private static <T> void deleteAll(Transaction transaction, Kind<T> kind) {
        transaction.state().all(kind).map(kind::keyOf).toList().forEach(key -> transaction.delete(kind, key));
    }

    private static List<StoreBackend.Row> rows(Transaction transaction) {
        List<StoreBackend.Row> rows = new ArrayList<>();
        transaction.writes().forEach((kind, values) -> values.forEach((key, value) ->
                rows.add(new StoreBackend.Row(kind.name(), key, value == null ? null : ModelJson.write(value)))));
        return rows;
    }

    /** A transaction applied to the writer view, waiting for its batch to be committed. */
    private static final class Pending {
        final List<StoreBackend.Row> rows;
        final List<Change> changes;
        final Snapshot after;
        // Written and read holding the store's lock.
        boolean settled;
        RuntimeException failure;

        Pending(List<StoreBackend.Row> rows, List<Change> changes, Snapshot after) {
            this.rows = rows;
            this.changes = changes;
            this.after = after;
        }
    }
}
