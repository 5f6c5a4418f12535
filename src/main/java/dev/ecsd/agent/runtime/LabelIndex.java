package dev.ecsd.agent.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values (containers) indexed by their rare labels, as an engine filters its containers by label: a lookup by
 * labels reads only the values carrying the rarest of them, not all. Without it the simulated engine answered every
 * agent's "does this task have its container yet?" by scanning every container, so starting N tasks cost N².
 *
 * <p>A label that more than {@link #COMMON} values carry (a cluster's, a host's) stops being indexed: it selects
 * little and would cost memory per value; a lookup by common labels alone reads all values. Values keep the order
 * they were added in. Not thread-safe: its owner guards it.
 */
final class LabelIndex<V> {
    /** Values beyond which a label is common; a task's own labels (its ARN) are on a few containers. */
    static final int COMMON = 64;

    /** Label key → label value → the values carrying it (in the order added), for labels not common. */
    private final Map<String, Map<String, List<V>>> byLabel = new HashMap<>();
    /** Label key → the values of it that are common. */
    private final Map<String, Set<String>> common = new HashMap<>();

    void add(Map<String, String> labels, V value) {
        labels.forEach((key, label) -> {
            if (isCommon(key, label)) {
                return;
            }
            Map<String, List<V>> byValue = byLabel.computeIfAbsent(key, k -> new HashMap<>());
            List<V> values = byValue.computeIfAbsent(label, l -> new ArrayList<>(2));
            values.add(value);
            if (values.size() > COMMON) {
                byValue.remove(label);
                common.computeIfAbsent(key, k -> new HashSet<>()).add(label);
            }
        });
    }

    void remove(Map<String, String> labels, V value) {
        labels.forEach((key, label) -> {
            Map<String, List<V>> byValue = byLabel.get(key);
            List<V> values = byValue == null ? null : byValue.get(label);
            if (values != null && values.remove(value) && values.isEmpty()) {
                byValue.remove(label);
            }
        });
    }

    /**
     * The values that may carry all of {@code labels}: those of its rarest label, in the order they were added;
     * {@code all} when it asks for no label or only common ones. The caller still checks every label of each.
     */
    Collection<V> candidates(Map<String, String> labels, Collection<V> all) {
        Collection<V> smallest = all;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (isCommon(label.getKey(), label.getValue())) {
                continue;
            }
            Map<String, List<V>> byValue = byLabel.get(label.getKey());
            List<V> values = byValue == null ? null : byValue.get(label.getValue());
            if (values == null) {
                return List.of();
            }
            if (smallest == all || values.size() < smallest.size()) {
                smallest = values;
            }
        }
        return smallest;
    }

    private boolean isCommon(String key, String label) {
        Set<String> values = common.get(key);
        return values != null && values.contains(label);
    }
}
