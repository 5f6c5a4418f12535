package dev.ecsd.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * An immutable view of the whole state at one version. Each table is a persistent sorted map, and an indexed
 * kind's index a persistent map of sorted maps from key to record, so a write shares everything it does not change
 * and readers iterate in key order. The index holds the records themselves, not only their keys: reading a
 * service's 100 tasks is then one walk of a small map, not 100 look-ups in the table of every task.
 */
public final class Snapshot {
    private static final Snapshot EMPTY = new Snapshot(0, Map.of(), Map.of());

    private final long version;
    private final Map<Kind<?>, PSortedMap<String, Object>> tables;
    private final Map<Kind<?>, PMap<String, PSortedMap<String, Object>>> indexes;

    private Snapshot(long version, Map<Kind<?>, PSortedMap<String, Object>> tables,
            Map<Kind<?>, PMap<String, PSortedMap<String, Object>>> indexes) {
        this.version = version;
        this.tables = tables;
        this.indexes = indexes;
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

    /**
     * Records of an indexed kind under one index key (for tasks: {@link Kind#groupKey}; for targets: a target
     * group's ARN, or {@link Kind#taskTargetsKey}), in key order.
     */
    public <T> Stream<T> indexed(Kind<T> kind, String indexKey) {
        PMap<String, PSortedMap<String, Object>> index = indexes.get(kind);
        PSortedMap<String, Object> records = index == null ? null : index.get(indexKey);
        if (records == null) {
            return Stream.empty();
        }
        return records.values().stream().map(kind.type()::cast);
    }

    /**
     * The table of a kind as an identity token: the same object for as long as no record of the kind is written, a
     * new one after (null while the kind has no table). For callers that want to know whether anything of a kind
     * changed since an earlier snapshot without holding that snapshot.
     */
    public Object tableToken(Kind<?> kind) {
        return tables.get(kind);
    }

    /** The records under one index key as an identity token, as {@link #tableToken}: null when there are none. */
    public Object indexToken(Kind<?> kind, String indexKey) {
        PMap<String, PSortedMap<String, Object>> index = indexes.get(kind);
        return index == null ? null : index.get(indexKey);
    }

    public int count(Kind<?> kind) {
        return table(kind).size();
    }

    /** The same state at another version: a transaction's working view, once committed. */
    Snapshot atVersion(long newVersion) {
        return new Snapshot(newVersion, tables, indexes);
    }

    Snapshot with(long newVersion, Map<Kind<?>, Map<String, Object>> changes) {
        Map<Kind<?>, PSortedMap<String, Object>> next = new HashMap<>(tables);
        Map<Kind<?>, PMap<String, PSortedMap<String, Object>>> nextIndexes = new HashMap<>(indexes);
        changes.forEach((kind, rows) -> {
            PSortedMap<String, Object> table = table(kind);
            PMap<String, PSortedMap<String, Object>> index = kind.isIndexed()
                    ? indexes.getOrDefault(kind, HashTreePMap.empty()) : null;
            for (Map.Entry<String, Object> row : rows.entrySet()) {
                if (index != null) {
                    List<String> before = kind.indexKeysOf(table.get(row.getKey()));
                    List<String> after = kind.indexKeysOf(row.getValue());
                    for (String indexKey : before) {
                        if (!after.contains(indexKey)) {
                            index = unindex(index, indexKey, row.getKey());
                        }
                    }
                    for (String indexKey : after) {
                        index = reindex(index, indexKey, row.getKey(), row.getValue());
                    }
                }
                table = row.getValue() == null ? table.minus(row.getKey()) : table.plus(row.getKey(), row.getValue());
            }
            next.put(kind, table);
            if (index != null) {
                nextIndexes.put(kind, index);
            }
        });
        return new Snapshot(newVersion, Map.copyOf(next), Map.copyOf(nextIndexes));
    }

    private static PMap<String, PSortedMap<String, Object>> unindex(PMap<String, PSortedMap<String, Object>> index,
            String indexKey, String key) {
        if (indexKey == null) {
            return index;
        }
        PSortedMap<String, Object> records = index.get(indexKey);
        if (records == null) {
            return index;
        }
        PSortedMap<String, Object> rest = records.minus(key);
        return rest.isEmpty() ? index.minus(indexKey) : index.plus(indexKey, rest);
    }

    /** Puts the record under the index key, replacing the one it had there (the index holds records, not keys). */
    private static PMap<String, PSortedMap<String, Object>> reindex(PMap<String, PSortedMap<String, Object>> index,
            String indexKey, String key, Object value) {
        if (indexKey == null) {
            return index;
        }
        PSortedMap<String, Object> records = index.get(indexKey);
        return index.plus(indexKey, (records == null ? TreePMap.<String, Object>empty() : records).plus(key, value));
    }

    private PSortedMap<String, Object> table(Kind<?> kind) {
        PSortedMap<String, Object> table = tables.get(kind);
        return table == null ? TreePMap.empty() : table;
    }

    Collection<Kind<?>> kinds() {
        return tables.keySet();
    }
}
