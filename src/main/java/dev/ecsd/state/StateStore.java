package dev.ecsd.state;

import dev.ecsd.model.ModelJson;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one source of truth: a single writer, immutable snapshots for readers, and a durable backend
 * that every write reaches before it becomes visible. Listeners hear of each committed write.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final StoreBackend backend;
    private final InstantSource clock;
    private final ReentrantLock writer = new ReentrantLock();
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot current;

    private StateStore(StoreBackend backend, InstantSource clock, Snapshot loaded) {
        this.backend = backend;
        this.clock = clock;
        this.current = loaded;
    }

    /** Opens a store on a backend, loading everything it holds. */
    public static StateStore open(StoreBackend backend, InstantSource clock) {
        Map<Kind<?>, Map<String, Object>> tables = new HashMap<>();
        for (StoreBackend.Row row : backend.loadAll()) {
            Kind<?> kind = Kind.named(row.kind());
            tables.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                    .put(row.key(), ModelJson.read(row.json(), kind.type()));
        }
        return new StateStore(backend, clock, Snapshot.empty().with(0, tables));
    }

    public Snapshot snapshot() {
        return current;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs {@code work} as the only writer. If it returns normally its writes are made durable, then visible,
     * then announced; if it throws, nothing it wrote is kept.
     */
    public <R> R write(Function<Transaction, R> work) {
        List<Change> changes;
        R result;
        writer.lock();
        try {
            Transaction transaction = new Transaction(current, now());
            result = work.apply(transaction);
            if (transaction.isEmpty()) {
                return result;
            }
            backend.commit(rows(transaction));
            current = current.with(current.version() + 1, transaction.writes());
            changes = transaction.changes();
        } finally {
            writer.unlock();
        }
        announce(changes);
        return result;
    }

    /**
     * Hears every committed write, after it is visible. Listeners must be quick: they only enqueue work. One that
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

    @Override
    public void close() {
        writer.lock();
        try {
            backend.close();
        } finally {
            writer.unlock();
        }
    }

    private static List<StoreBackend.Row> rows(Transaction transaction) {
        List<StoreBackend.Row> rows = new ArrayList<>();
        transaction.writes().forEach((kind, values) -> values.forEach((key, value) ->
                rows.add(new StoreBackend.Row(kind.name(), key, value == null ? null : ModelJson.write(value)))));
        return rows;
    }

    private void announce(List<Change> changes) {
        for (Consumer<List<Change>> listener : listeners) {
            try {
                listener.accept(changes);
            } catch (RuntimeException e) {
                // The write is durable and visible: a listener's trouble is its own, not the writer's.
                LOG.warn("store listener {} failed on a committed write: {}", listener, e.toString());
            }
        }
    }

    private static <T> void deleteAll(Transaction transaction, Kind<T> kind) {
        transaction.state().all(kind).map(kind::keyOf).toList().forEach(key -> transaction.delete(kind, key));
    }
}
