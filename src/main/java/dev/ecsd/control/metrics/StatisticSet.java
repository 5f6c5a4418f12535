package dev.ecsd.control.metrics;

import java.util.List;
import java.util.Optional;

/**
 * A statistic set as ecsd publishes it (SampleCount, Sum, Minimum, Maximum), with the arithmetic of ECS's metrics.
 * Pure.
 */
public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {

    /** One task's use of a resource against its reservation. */
    public record Share(double used, double reserved) {
    }

    /**
     * ECS's utilization over tasks: the Average (Sum ÷ SampleCount) is all the units used × 100 ÷ all the units
     * reserved — not the mean of the tasks' percentages — and Minimum and Maximum are the lowest and highest task's
     * own percentage. SampleCount is the number of tasks. Tasks that reserve nothing are left out; empty when no
     * task is left, since no task means no data point.
     */
    public static Optional<StatisticSet> utilization(List<Share> tasks) {
        List<Share> counted = tasks.stream().filter(t -> t.reserved() > 0).toList();
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        double used = counted.stream().mapToDouble(Share::used).sum();
        double reserved = counted.stream().mapToDouble(Share::reserved).sum();
        double average = used * 100 / reserved;
        double minimum = counted.stream().mapToDouble(t -> t.used() * 100 / t.reserved()).min().orElseThrow();
        double maximum = counted.stream().mapToDouble(t -> t.used() * 100 / t.reserved()).max().orElseThrow();
        return Optional.of(new StatisticSet(counted.size(), average * counted.size(), minimum, maximum));
    }

    /** Values, one per task: Sum is their total, Average the mean per task; empty when there are none. */
    public static Optional<StatisticSet> ofValues(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StatisticSet(values.size(), values.stream().mapToDouble(Double::doubleValue).sum(),
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
    }

    /** One value. */
    public static StatisticSet single(double value) {
        return new StatisticSet(1, value, value, value);
    }

    public double average() {
        return sum / sampleCount;
    }
}
