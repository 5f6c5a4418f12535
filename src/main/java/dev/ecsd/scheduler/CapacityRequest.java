package dev.ecsd.scheduler;

import dev.ecsd.model.CapacityProviderStrategyItem;
import java.util.List;
import java.util.Objects;

/** Where a request's tasks may run: a launch type, or a capacity provider strategy (base, then weights). */
public sealed interface CapacityRequest {
    record ByLaunchType(LaunchType launchType) implements CapacityRequest {
        public ByLaunchType {
            Objects.requireNonNull(launchType, "launchType");
        }
    }

    record ByStrategy(List<CapacityProviderStrategyItem> strategy) implements CapacityRequest {
        public ByStrategy {
            strategy = List.copyOf(strategy);
            if (strategy.isEmpty()) {
                throw new IllegalArgumentException("a capacity provider strategy needs at least one provider");
            }
        }
    }

    static CapacityRequest launchType(LaunchType launchType) {
        return new ByLaunchType(launchType);
    }

    static CapacityRequest strategy(List<CapacityProviderStrategyItem> strategy) {
        return new ByStrategy(strategy);
    }
}
