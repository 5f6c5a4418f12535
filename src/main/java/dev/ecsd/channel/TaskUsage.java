package dev.ecsd.channel;

import java.time.Instant;
import java.util.List;

/**
 * What an agent measured of one running task at one time: per container, the CPU units it used (1024 = one core
 * busy; averaged since the agent's previous sample of it) and the memory in use, in MiB. Sent up as data, like a
 * state change; the control plane keeps it in memory only, since it is of use for the current metric period alone.
 */
public record TaskUsage(String taskArn, Instant sampledAt, List<ContainerUsage> containers) {

    public TaskUsage {
        containers = List.copyOf(containers);
    }

    /** One container's use at the sample time. */
    public record ContainerUsage(String containerName, double cpuUnits, double memoryMiB) {
    }

    /** The CPU units all of the task's containers used. */
    public double cpuUnits() {
        return containers.stream().mapToDouble(ContainerUsage::cpuUnits).sum();
    }

    /** The memory all of the task's containers had in use, in MiB. */
    public double memoryMiB() {
        return containers.stream().mapToDouble(ContainerUsage::memoryMiB).sum();
    }
}
