package dev.ecsd.model;

/** One entry of a capacity provider strategy: which capacity, with what weight and base. */
public record CapacityProviderStrategyItem(String capacityProvider, Integer weight, Integer base) {
    public int weightOrZero() {
        return weight == null ? 0 : weight;
    }

    public int baseOrZero() {
        return base == null ? 0 : base;
    }
}
