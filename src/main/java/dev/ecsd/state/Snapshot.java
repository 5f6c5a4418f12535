package dev.ecsd.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * An immutable view of the whole state at one version. Each table is a persistent sorted map,
 * so a write shares everything it does not change and readers iterate in key order.
 */
public final class Snapshot {
    private static final Snapshot EMPTY = new Snapshot(0, Map.of());

    private final long version;
    private final Map<Kind<?>, PSortedMap<String, Object>> tables;

    private Snapshot(long version, Map<Kind<?>, PSortedMap<String, Object>> tables) {
        this.version = version;
        this.tables = tables;
    }

    public static Snapshot empty() {
        return EMPTY;
    }

    /** The number of committed writes this snapshot reflects. */
    public long version() {
        return version;
    }

    public <T> Optional<T> find(Kind<T> kind, String key) {
        return Optional.ofNullable(key).map(k -> table(kind).get(k)).map(kind.type()::cast);
    }

    /** All records of a kind, in key order. */
    public <T> Stream<T> all(Kind<T> kind) {
        return table(kind).values().stream().map(kind.type()::cast);
    }

    /** Records of a kind whose keys start with a prefix, in key order. */
    public <T> Stream<T> withKeyPrefix(Kind<T> kind, String prefix) {
        PSortedMap<String, Object> table = table(kind);
        return table.tailMap(prefix, true).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .map(e -> kind.type().cast(e.getValue()));
    }

    public int count(Kind<?> kind) {
        return table(kind).size();
    }

    Snapshot with(long newVersion, Map<Kind<?>, Map<String, Object>> changes) {
        Map<Kind<?>, PSortedMap<String, Object>> next = new HashMap<>(tables);
        changes.forEach((kind, rows) -> {
            PSortedMap<String, Object> table = table(kind);
            for (Map.Entry<String, Object> row : rows.entrySet()) {
                table = row.getValue() == null ? table.minus(row.getKey()) : table.plus(row.getKey(), row.getValue());
            }
            next.put(kind, table);
        });
        return new Snapshot(newVersion, Map.copyOf(next));
    }

    private PSortedMap<String, Object> table(Kind<?> kind) {
        PSortedMap<String, Object> table = tables.get(kind);
        return table == null ? TreePMap.empty() : table;
    }

    Collection<Kind<?>> kinds() {
        return tables.keySet();
    }
}
