package dev.ecsd.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit of work under the store's single writer: reads see the latest committed state plus this
 * transaction's own writes. Its writes become durable and visible together when the work returns.
 */
public final class Transaction {
    private final Snapshot base;
    private final Instant now;
    private Snapshot working;
    private final Map<Kind<?>, Map<String, Object>> writes = new LinkedHashMap<>();

    Transaction(Snapshot base, Instant now) {
        this.base = base;
        this.working = base;
        this.now = now;
    }

    /** The state as this transaction sees it. */
    public Snapshot state() {
        return working;
    }

    /** The time of this transaction, from the store's clock, truncated to milliseconds. */
    public Instant now() {
        return now;
    }

    public <T> Optional<T> find(Kind<T> kind, String key) {
        return working.find(kind, key);
    }

    public <T> T put(Kind<T> kind, T value) {
        String key = kind.keyOf(value);
        writes.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, value);
        working = working.with(working.version(), Map.of(kind, singleton(key, value)));
        return value;
    }

    public void delete(Kind<?> kind, String key) {
        writes.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, null);
        working = working.with(working.version(), Map.of(kind, singleton(key, null)));
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    Map<Kind<?>, Map<String, Object>> writes() {
        return writes;
    }

    List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        writes.forEach((kind, rows) -> rows.forEach((key, after) ->
                changes.add(new Change(kind, key, base.find(kind, key).orElse(null), after))));
        return changes;
    }

    private static Map<String, Object> singleton(String key, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(key, value);
        return row;
    }
}
