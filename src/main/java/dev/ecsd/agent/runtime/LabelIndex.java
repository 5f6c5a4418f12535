package dev.ecsd.agent.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values (containers) indexed by each of their labels, as an engine filters its containers by label: a lookup
 * by labels reads only the values carrying the rarest of them, not all. Without it the simulated engine answered
 * every agent's "does this task have its container yet?" by scanning every container, so starting N tasks cost N².
 * Values keep the order they were added in. Not thread-safe: its owner guards it.
 */
final class LabelIndex<V> {
    private final Map<String, Set<V>> byLabel = new HashMap<>();

    void add(Map<String, String> labels, V value) {
        labels.forEach((key, label) -> byLabel.computeIfAbsent(entry(key, label), k -> new LinkedHashSet<>())
                .add(value));
    }

    void remove(Map<String, String> labels, V value) {
        labels.forEach((key, label) -> {
            String entry = entry(key, label);
            Set<V> values = byLabel.get(entry);
            if (values != null && values.remove(value) && values.isEmpty()) {
                byLabel.remove(entry);
            }
        });
    }

    /**
     * The values that may carry all of {@code labels}: those of its rarest label, in the order they were added;
     * {@code all} when no label is asked for. The caller still checks every label of each.
     */
    Collection<V> candidates(Map<String, String> labels, Collection<V> all) {
        if (labels.isEmpty()) {
            return all;
        }
        Set<V> smallest = null;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            Set<V> values = byLabel.get(entry(label.getKey(), label.getValue()));
            if (values == null) {
                return List.of();
            }
            if (smallest == null || values.size() < smallest.size()) {
                smallest = values;
            }
        }
        return smallest;
    }

    private static String entry(String key, String value) {
        // a NUL cannot be in a label's key
        return key + '\0' + value;
    }
}
