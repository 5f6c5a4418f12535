package dev.ecsd.scheduler;

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
     * Checks a cluster's default strategy: known providers, each at most once, weights 0-1000, bases 0-100000 and a
     * base on at most one provider, every provider one of the cluster's. ECS accepts a default strategy whose weights
     * are all zero; only a service or task that falls back on it is refused ({@link #requireUsableDefault}).
     */
    public static void validateDefaultStrategy(List<CapacityProviderStrategyItem> strategy, List<String> clusterProviders) {
        checkItems(strategy, clusterProviders);
    }

    /**
     * Checks a strategy given to a service or task: as {@link #validateDefaultStrategy}, and at least one provider
     * must have a weight above zero. When {@code allowed} is null, any provider that exists may be named.
     */
    public static void validateStrategy(List<CapacityProviderStrategyItem> strategy, List<String> allowed) {
        if (checkItems(strategy, allowed) && strategy.stream().noneMatch(item -> item.weightOrZero() > 0)) {
            throw ApiException.invalidParameter("The specified capacity provider strategy must contain at least one "
                    + "capacity provider with a weight greater than zero. Specify a valid weight and try again.");
        }
    }

    /** Refuses to fall back on a cluster's default strategy that could place nothing, with ECS's message. */
    public static void requireUsableDefault(List<CapacityProviderStrategyItem> defaultStrategy) {
        if (defaultStrategy != null && !defaultStrategy.isEmpty()
                && defaultStrategy.stream().noneMatch(item -> item.weightOrZero() > 0)) {
            throw ApiException.invalidParameter("There are no capacity providers with a weight value greater than zero "
                    + "defined in the default capacity provider strategy. At least one capacity provider must have a "
                    + "weight value greater than zero specified. Update the cluster's default capacity provider strategy "
                    + "or specify a valid capacity provider strategy and try again.");
        }
    }

    /** Checks each item and the base rule; answers whether there were any items. */
    private static boolean checkItems(List<CapacityProviderStrategyItem> strategy, List<String> allowed) {
        if (strategy == null || strategy.isEmpty()) {
            return false;
        }
        if (strategy.size() > 20) {
            throw ApiException.invalidParameter("A capacity provider strategy can contain at most 20 capacity providers.");
        }
        Set<String> seen = new HashSet<>();
        int withBase = 0;
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
        }
        if (withBase > 1) {
            throw ApiException.invalidParameter("The specified capacity provider strategy cannot specify a base value "
                    + "for more than one capacity provider. Specify a base for one capacity provider and try again.");
        }
        return true;
    }
}
