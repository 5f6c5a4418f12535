package dev.ecsd.api.autoscaling;

import dev.ecsd.model.autoscaling.CustomizedMetric;
import dev.ecsd.model.autoscaling.StepAdjustment;
import dev.ecsd.model.autoscaling.StepScalingConfiguration;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** PutScalingPolicy's configurations, validated as AWS validates them for ECS services and turned into records. */
final class PolicyConfigurations {
    static final Set<String> ECS_METRICS = Set.of("ECSServiceAverageCPUUtilization",
            "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget");
    private static final Set<String> STATISTICS = Set.of("Average", "Minimum", "Maximum", "SampleCount", "Sum");
    private static final Set<String> ADJUSTMENT_TYPES = Set.of("ChangeInCapacity", "PercentChangeInCapacity",
            "ExactCapacity");
    private static final Set<String> AGGREGATION_TYPES = Set.of("Average", "Minimum", "Maximum");

    private PolicyConfigurations() {
    }

    static TargetTrackingConfiguration targetTracking(TargetTrackingScalingPolicyConfiguration config) {
        if (config == null) {
            throw AutoScalingRequests.validation("TargetTrackingScalingPolicyConfiguration is required for a policy "
                    + "of type TargetTrackingScaling");
        }
        Double target = AutoScalingRequests.required(config.targetValue(),
                "targetTrackingScalingPolicyConfiguration.targetValue");
        if (target.isNaN() || target.isInfinite() || target <= 0) {
            throw AutoScalingRequests.validation("The target value must be greater than 0: " + target);
        }
        var predefined = config.predefinedMetricSpecification();
        var customized = config.customizedMetricSpecification();
        if ((predefined == null) == (customized == null)) {
            throw AutoScalingRequests.validation("Exactly one of PredefinedMetricSpecification and "
                    + "CustomizedMetricSpecification must be specified");
        }
        cooldown(config.scaleOutCooldown(), "scaleOutCooldown");
        cooldown(config.scaleInCooldown(), "scaleInCooldown");
        boolean disableScaleIn = Boolean.TRUE.equals(config.disableScaleIn());
        if (predefined != null) {
            String type = AutoScalingRequests.required(predefined.predefinedMetricTypeAsString(),
                    "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType");
            if (!ECS_METRICS.contains(type)) {
                throw AutoScalingRequests.validation("Unsupported metric type " + type + " for service namespace "
                        + "ecs: use one of " + ECS_METRICS.stream().sorted().toList());
            }
            String label = predefined.resourceLabel();
            if ("ALBRequestCountPerTarget".equals(type) && (label == null || !label.contains("/targetgroup/"))) {
                throw AutoScalingRequests.validation("ResourceLabel is required for ALBRequestCountPerTarget, in the "
                        + "form app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/"
                        + "<target-group-id>");
            }
            if (!"ALBRequestCountPerTarget".equals(type) && label != null) {
                throw AutoScalingRequests.validation("ResourceLabel is only valid with ALBRequestCountPerTarget");
            }
            return new TargetTrackingConfiguration(target, type, label, null, config.scaleOutCooldown(),
                    config.scaleInCooldown(), disableScaleIn);
        }
        return new TargetTrackingConfiguration(target, null, null, customized(customized), config.scaleOutCooldown(),
                config.scaleInCooldown(), disableScaleIn);
    }

    private static CustomizedMetric customized(CustomizedMetricSpecification spec) {
        if (spec.hasMetrics()) {
            throw AutoScalingRequests.validation("Metric math (Metrics) in a CustomizedMetricSpecification is not "
                    + "supported by ecsd: give MetricName, Namespace, Dimensions and Statistic.");
        }
        String prefix = "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.";
        AutoScalingRequests.required(spec.metricName(), prefix + "metricName");
        AutoScalingRequests.required(spec.namespace(), prefix + "namespace");
        String statistic = AutoScalingRequests.required(spec.statisticAsString(), prefix + "statistic");
        if (!STATISTICS.contains(statistic)) {
            throw AutoScalingRequests.constraint(statistic, prefix + "statistic",
                    "Member must satisfy enum value set: " + STATISTICS.stream().sorted().toList());
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (MetricDimension dimension : spec.hasDimensions() ? spec.dimensions() : List.<MetricDimension>of()) {
            dimensions.put(dimension.name(), dimension.value());
        }
        return new CustomizedMetric(spec.namespace(), spec.metricName(), dimensions, statistic, spec.unit());
    }

    static StepScalingConfiguration stepScaling(StepScalingPolicyConfiguration config) {
        if (config == null) {
            throw AutoScalingRequests.validation("StepScalingPolicyConfiguration is required for a policy of type "
                    + "StepScaling");
        }
        String type = AutoScalingRequests.required(config.adjustmentTypeAsString(),
                "stepScalingPolicyConfiguration.adjustmentType");
        if (!ADJUSTMENT_TYPES.contains(type)) {
            throw AutoScalingRequests.constraint(type, "stepScalingPolicyConfiguration.adjustmentType",
                    "Member must satisfy enum value set: " + ADJUSTMENT_TYPES.stream().sorted().toList());
        }
        String aggregation = config.metricAggregationTypeAsString();
        if (aggregation != null && !AGGREGATION_TYPES.contains(aggregation)) {
            throw AutoScalingRequests.constraint(aggregation, "stepScalingPolicyConfiguration.metricAggregationType",
                    "Member must satisfy enum value set: " + AGGREGATION_TYPES.stream().sorted().toList());
        }
        if (config.minAdjustmentMagnitude() != null && !"PercentChangeInCapacity".equals(type)) {
            throw AutoScalingRequests.validation("MinAdjustmentMagnitude may only be specified when AdjustmentType "
                    + "is PercentChangeInCapacity");
        }
        cooldown(config.cooldown(), "cooldown");
        if (!config.hasStepAdjustments() || config.stepAdjustments().isEmpty()) {
            throw AutoScalingRequests.validation("StepAdjustments must contain at least one step adjustment");
        }
        List<StepAdjustment> steps = new ArrayList<>();
        for (var step : config.stepAdjustments()) {
            AutoScalingRequests.required(step.scalingAdjustment(), "stepAdjustments.scalingAdjustment");
            if (step.metricIntervalLowerBound() == null && step.metricIntervalUpperBound() == null
                    && config.stepAdjustments().size() > 1) {
                throw AutoScalingRequests.validation("Only one step adjustment may be unbounded on both sides");
            }
            if (step.metricIntervalLowerBound() != null && step.metricIntervalUpperBound() != null
                    && step.metricIntervalLowerBound() >= step.metricIntervalUpperBound()) {
                throw AutoScalingRequests.validation("The upper bound of a step adjustment must be greater than its "
                        + "lower bound");
            }
            steps.add(new StepAdjustment(step.metricIntervalLowerBound(), step.metricIntervalUpperBound(),
                    step.scalingAdjustment()));
        }
        checkNoOverlap(steps);
        return new StepScalingConfiguration(type, steps, config.minAdjustmentMagnitude(), config.cooldown(),
                aggregation);
    }

    /** Steps may not overlap: sorted by lower bound, each ends at or before the next begins. */
    private static void checkNoOverlap(List<StepAdjustment> steps) {
        List<StepAdjustment> sorted = steps.stream().sorted(Comparator.comparingDouble(
                s -> s.metricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY : s.metricIntervalLowerBound()))
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            Double upper = sorted.get(i - 1).metricIntervalUpperBound();
            Double lower = sorted.get(i).metricIntervalLowerBound();
            if (upper == null || lower == null || upper > lower) {
                throw AutoScalingRequests.validation("Step adjustments may not overlap");
            }
        }
    }

    private static void cooldown(Integer seconds, String member) {
        if (seconds != null && (seconds < 0 || seconds > 86_400)) {
            throw AutoScalingRequests.constraint(seconds.toString(), member,
                    "Member must have value between 0 and 86400");
        }
    }
}
