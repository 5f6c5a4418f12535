package dev.ecsd.scheduler;

import dev.ecsd.model.CapacityProviderStrategyItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits tasks across capacity providers the way a capacity provider strategy says: first each provider's
 * {@code base}, then the rest in proportion to the weights. Pure and deterministic.
 */
public final class CapacityAssignment {
    private CapacityAssignment() {
    }

    /**
     * The provider of each of {@code count} new tasks, given how many tasks of the same group each provider
     * already runs.
     */
    public static List<String> assign(List<CapacityProviderStrategyItem> strategy, Map<String, Integer> existing,
            int count) {
        if (strategy.isEmpty()) {
            throw new IllegalArgumentException("a capacity provider strategy needs at least one provider");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CapacityProviderStrategyItem item : strategy) {
            counts.put(item.capacityProvider(), existing.getOrDefault(item.capacityProvider(), 0));
        }
        List<String> assigned = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String chosen = null;
            for (CapacityProviderStrategyItem item : strategy) {
                if (counts.get(item.capacityProvider()) < item.baseOrZero()) {
                    chosen = item.capacityProvider();
                    break;
                }
            }
            if (chosen == null) {
                double best = Double.MAX_VALUE;
                for (CapacityProviderStrategyItem item : strategy) {
                    if (item.weightOrZero() <= 0) {
                        continue;
                    }
                    int base = item.baseOrZero();
                    int beyondBase = Math.max(0, counts.get(item.capacityProvider()) - base);
                    double load = (beyondBase + 1.0) / item.weightOrZero();
                    if (load < best) {
                        best = load;
                        chosen = item.capacityProvider();
                    }
                }
            }
            if (chosen == null) {
                chosen = strategy.getFirst().capacityProvider();
            }
            counts.merge(chosen, 1, Integer::sum);
            assigned.add(chosen);
        }
        return assigned;
    }
}
