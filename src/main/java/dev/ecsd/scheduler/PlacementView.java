package dev.ecsd.scheduler;

import dev.ecsd.model.Attribute;
import dev.ecsd.model.ContainerInstance;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of what one cluster offers to placement: its container instances, the tasks already
 * placed (on instances or on capacity providers) and the Fargate capacity providers it may use. Built once per
 * decision; lookups placement repeats (attributes, groups per instance) are indexed here, not per request.
 */
public final class PlacementView {
    private final List<ContainerInstance> containerInstances;
    private final List<PlacedTask> placedTasks;
    private final List<String> capacityProviders;
    private final List<Map<String, String>> attributes;
    private final List<Map<String, Integer>> groupsPerInstance;
    private final int[] remainingCpu;
    private final int[] remainingMemory;

    private PlacementView(List<ContainerInstance> containerInstances, List<PlacedTask> placedTasks,
            List<String> capacityProviders) {
        this.containerInstances = List.copyOf(containerInstances);
        this.placedTasks = List.copyOf(placedTasks);
        this.capacityProviders = List.copyOf(capacityProviders);
        Map<String, Integer> indexByArn = new HashMap<>();
        List<Map<String, String>> attributeMaps = new ArrayList<>(this.containerInstances.size());
        List<Map<String, Integer>> groups = new ArrayList<>(this.containerInstances.size());
        this.remainingCpu = new int[this.containerInstances.size()];
        this.remainingMemory = new int[this.containerInstances.size()];
        for (ContainerInstance instance : this.containerInstances) {
            remainingCpu[attributeMaps.size()] = instance.remainingInteger(Resource.CPU);
            remainingMemory[attributeMaps.size()] = instance.remainingInteger(Resource.MEMORY);
            if (indexByArn.put(instance.containerInstanceArn(), attributeMaps.size()) != null) {
                throw new IllegalArgumentException("container instance listed twice: " + instance.containerInstanceArn());
            }
            Map<String, String> values = new HashMap<>();
            for (Attribute attribute : Lists.orEmpty(instance.attributes())) {
                values.put(attribute.name(), attribute.value());
            }
            attributeMaps.add(values);
            groups.add(new HashMap<>());
        }
        for (PlacedTask task : this.placedTasks) {
            Integer index = task.containerInstanceArn() == null ? null : indexByArn.get(task.containerInstanceArn());
            if (index != null && task.group() != null) {
                groups.get(index).merge(task.group(), 1, Integer::sum);
            }
        }
        this.attributes = attributeMaps;
        this.groupsPerInstance = groups;
    }

    /** A cluster's container instances, its placed tasks and the capacity providers it may use. */
    public static PlacementView of(List<ContainerInstance> containerInstances, List<PlacedTask> placedTasks,
            List<String> capacityProviders) {
        return new PlacementView(containerInstances, placedTasks, capacityProviders);
    }

    /** Today's embedded server: no container instances, FARGATE and FARGATE_SPOT from the in-process agent. */
    public static PlacementView fargateOnly(List<PlacedTask> placedTasks) {
        return new PlacementView(List.of(), placedTasks, CapacityProviders.BUILT_IN);
    }

    public List<ContainerInstance> containerInstances() {
        return containerInstances;
    }

    public List<PlacedTask> placedTasks() {
        return placedTasks;
    }

    public List<String> capacityProviders() {
        return capacityProviders;
    }

    /** The attributes of the instance at {@code index}; a present attribute without value maps to null. */
    Map<String, String> attributesOf(int index) {
        return attributes.get(index);
    }

    int remainingCpu(int index) {
        return remainingCpu[index];
    }

    int remainingMemory(int index) {
        return remainingMemory[index];
    }

    /** How many tasks of each group the instance at {@code index} hosts. */
    Map<String, Integer> groupsOn(int index) {
        return groupsPerInstance.get(index);
    }

    /** How many tasks of a group each capacity provider runs, for the base/weight split. */
    Map<String, Integer> tasksPerCapacityProvider(String group) {
        Map<String, Integer> counts = new HashMap<>();
        for (PlacedTask task : placedTasks) {
            if (group.equals(task.group()) && task.capacityProviderName() != null) {
                counts.merge(task.capacityProviderName(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
