package dev.ecsd.model.autoscaling;

/**
 * One step of a step scaling policy: bounds relative to the alarm's threshold (null: unbounded) and the adjustment.
 */
public record StepAdjustment(Double metricIntervalLowerBound, Double metricIntervalUpperBound,
        int scalingAdjustment) {
}
