package dev.ecsd.scheduler;

import dev.ecsd.model.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What to place: {@code count} tasks of one task definition, each needing {@code cpu} units, {@code memory} MiB
 * and its fixed host ports, on the capacity the launch type or strategy names, filtered by the constraints and
 * ranked by the strategies. {@code group} is the task group ({@code service:NAME}, {@code family:NAME}) that
 * distinctInstance, spread and the provider split count; {@code requiredAttributes} are the task definition's
 * {@code requiresAttributes}. {@code random} is only drawn from by the random strategy.
 */
public record PlacementRequest(
        int count,
        int cpu,
        int memory,
        List<HostPort> hostPorts,
        List<Attribute> requiredAttributes,
        String group,
        String taskDefinitionFamily,
        CapacityRequest capacity,
        List<PlacementConstraint> constraints,
        List<PlacementStrategy> strategies,
        RandomGenerator random) {

    public PlacementRequest {
        if (count < 0 || cpu < 0 || memory < 0) {
            throw new IllegalArgumentException("count, cpu and memory cannot be negative");
        }
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(capacity, "capacity");
        hostPorts = List.copyOf(hostPorts);
        requiredAttributes = List.copyOf(requiredAttributes);
        constraints = List.copyOf(constraints);
        strategies = List.copyOf(strategies);
        if (random == null && strategies.stream().anyMatch(s -> s instanceof PlacementStrategy.Random)) {
            throw new IllegalArgumentException("the random placement strategy needs a seeded random generator");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a request; everything but the group and capacity has a neutral default. */
    public static final class Builder {
        private int count = 1;
        private int cpu;
        private int memory;
        private final List<HostPort> hostPorts = new ArrayList<>();
        private final List<Attribute> requiredAttributes = new ArrayList<>();
        private String group;
        private String taskDefinitionFamily;
        private CapacityRequest capacity;
        private final List<PlacementConstraint> constraints = new ArrayList<>();
        private final List<PlacementStrategy> strategies = new ArrayList<>();
        private RandomGenerator random;

        private Builder() {
        }

        public Builder count(int v) { count = v; return this; }
        public Builder cpu(int v) { cpu = v; return this; }
        public Builder memory(int v) { memory = v; return this; }
        public Builder hostPorts(List<HostPort> v) { hostPorts.addAll(v); return this; }
        public Builder requiredAttributes(List<Attribute> v) { requiredAttributes.addAll(v); return this; }
        public Builder group(String v) { group = v; return this; }
        public Builder taskDefinitionFamily(String v) { taskDefinitionFamily = v; return this; }
        public Builder capacity(CapacityRequest v) { capacity = v; return this; }
        public Builder launchType(LaunchType v) { capacity = CapacityRequest.launchType(v); return this; }
        public Builder constraint(PlacementConstraint v) { constraints.add(v); return this; }
        public Builder constraints(List<PlacementConstraint> v) { constraints.addAll(v); return this; }
        public Builder strategy(PlacementStrategy v) { strategies.add(v); return this; }
        public Builder strategies(List<PlacementStrategy> v) { strategies.addAll(v); return this; }
        public Builder random(RandomGenerator v) { random = v; return this; }

        public PlacementRequest build() {
            return new PlacementRequest(count, cpu, memory, hostPorts, requiredAttributes, group, taskDefinitionFamily,
                    capacity, constraints, strategies, random);
        }
    }
}
