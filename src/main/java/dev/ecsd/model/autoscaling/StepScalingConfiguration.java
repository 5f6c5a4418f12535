package dev.ecsd.model.autoscaling;

import dev.ecsd.model.Lists;
import java.util.List;

/**
 * A step scaling policy's configuration: ChangeInCapacity, PercentChangeInCapacity or ExactCapacity; its steps;
 * the smallest change a percentage may make; the cooldown (null: none given); how the alarm aggregates its metric.
 */
public record StepScalingConfiguration(String adjustmentType, List<StepAdjustment> stepAdjustments,
        Integer minAdjustmentMagnitude, Integer cooldown, String metricAggregationType) {
    public StepScalingConfiguration {
        stepAdjustments = List.copyOf(Lists.orEmpty(stepAdjustments));
    }

    public int cooldownSeconds() {
        return cooldown == null ? 0 : cooldown;
    }
}
