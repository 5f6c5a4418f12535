package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The capacity providers every account has, and ECS's rules for a capacity provider strategy. */
public final class CapacityProviders {
    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";
    public static final List<String> BUILT_IN = List.of(FARGATE, FARGATE_SPOT);

    private CapacityProviders() {
    }

    public static boolean exists(String name) {
        return BUILT_IN.contains(name);
    }

    /** Checks the providers named for a cluster exist. */
    public static void validateProviders(List<String> providers) {
        Set<String> seen = new HashSet<>();
        for (String provider : providers) {
            if (!exists(provider)) {
                throw ApiException.invalidParameter("The specified capacity provider " + provider
                        + " does not exist. Specify a valid capacity provider and try again.");
            }
            if (!seen.add(provider)) {
                throw ApiException.invalidParameter("The specified capacity provider " + provider
                        + " is listed more than once. Specify each capacity provider once and try again.");
            }
        }
    }

    /**
     * Checks a strategy: known providers, each at most once, weights 0-1000, bases 0-100000, a base on at
     * most one provider, and at least one provider with a weight above zero. When {@code allowed} is given,
     * every provider must be one of them (a cluster's default strategy draws from the cluster's providers).
     */
    public static void validateStrategy(List<CapacityProviderStrategyItem> strategy, List<String> allowed) {
        if (strategy == null || strategy.isEmpty()) {
            return;
        }
        if (strategy.size() > 20) {
            throw ApiException.invalidParameter("A capacity provider strategy can contain at most 20 capacity providers.");
        }
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        boolean anyWeight = false;
        for (CapacityProviderStrategyItem item : strategy) {
            String name = item.capacityProvider();
            if (name == null || name.isBlank()) {
                throw ApiException.invalidParameter("A capacity provider strategy item must name its capacityProvider.");
            }
            if (allowed != null && !allowed.contains(name)) {
                throw ApiException.invalidParameter("The specified capacity provider strategy cannot contain a capacity provider "
                        + "that is not associated with the cluster. Associate the capacity provider with the cluster or "
                        + "specify a valid capacity provider and try again.");
            }
            if (allowed == null && !exists(name)) {
                throw ApiException.invalidParameter("The specified capacity provider " + name
                        + " does not exist. Specify a valid capacity provider and try again.");
            }
            if (!seen.add(name)) {
                throw ApiException.invalidParameter("The specified capacity provider strategy cannot contain duplicate "
                        + "capacity providers. Specify each capacity provider once and try again.");
            }
            if (item.weight() != null && (item.weight() < 0 || item.weight() > 1000)) {
                throw ApiException.invalidParameter("The capacity provider strategy weight for " + name
                        + " must be between 0 and 1000.");
            }
            if (item.base() != null && (item.base() < 0 || item.base() > 100000)) {
                throw ApiException.invalidParameter("The capacity provider strategy base for " + name
                        + " must be between 0 and 100000.");
            }
            if (item.baseOrZero() > 0) {
                withBase++;
            }
            anyWeight |= item.weightOrZero() > 0;
        }
        if (withBase > 1) {
            throw ApiException.invalidParameter("The specified capacity provider strategy cannot specify a base value "
                    + "for more than one capacity provider. Specify a base for one capacity provider and try again.");
        }
        if (!anyWeight) {
            throw ApiException.invalidParameter("The specified capacity provider strategy must contain at least one "
                    + "capacity provider with a weight greater than zero. Specify a valid weight and try again.");
        }
    }
}
