package dev.ecsd.control.metrics;

import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import java.util.Locale;

/**
 * The CPU units and MiB of memory a task reserves, the denominators of ECS's utilization metrics: the task-level
 * {@code cpu} and {@code memory} when the task has them (always on Fargate); otherwise the sum over its containers
 * of their {@code cpu}, and of their {@code memoryReservation} (the soft limit) or, for a container without one,
 * their {@code memory} (the hard limit). Zero means nothing is reserved: such a task has no utilization.
 */
public record TaskReservation(double cpuUnits, double memoryMiB) {

    public static TaskReservation of(Task task) {
        Double taskCpu = cpuUnits(task.cpu());
        Double taskMemory = memoryMiB(task.memory());
        double cpu = 0;
        double memory = 0;
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            Double containerCpu = cpuUnits(container.cpu());
            cpu += containerCpu == null ? 0 : containerCpu;
            Double reservation = memoryMiB(container.memoryReservation());
            Double hardLimit = memoryMiB(container.memory());
            memory += reservation != null ? reservation : hardLimit != null ? hardLimit : 0;
        }
        return new TaskReservation(taskCpu != null ? taskCpu : cpu, taskMemory != null ? taskMemory : memory);
    }

    /** "256", or ECS's other spelling "0.25 vCPU"; null when absent or unreadable. */
    static Double cpuUnits(String value) {
        return amount(value, "vcpu", 1024);
    }

    /** "512", or ECS's other spelling "0.5 GB"; null when absent or unreadable. */
    static Double memoryMiB(String value) {
        return amount(value, "gb", 1024);
    }

    private static Double amount(String value, String largerUnit, double perLargerUnit) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (text.endsWith(largerUnit)) {
            text = text.substring(0, text.length() - largerUnit.length()).trim();
            factor = perLargerUnit;
        }
        try {
            double amount = Double.parseDouble(text) * factor;
            return amount >= 0 ? amount : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
