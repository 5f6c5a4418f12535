package dev.ecsd.api.autoscaling;

import dev.ecsd.model.autoscaling.CustomizedMetric;
import dev.ecsd.model.autoscaling.PolicyAlarm;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.ScheduledAction;
import dev.ecsd.model.autoscaling.StepScalingConfiguration;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.NotScaledReason;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTargetAction;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** Application Auto Scaling's records as the SDK shapes them in responses. */
final class AutoScalingMapper {
    private AutoScalingMapper() {
    }

    static software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget target(ScalableTarget target) {
        return software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget.builder()
                .serviceNamespace(target.serviceNamespace())
                .resourceId(target.resourceId())
                .scalableDimension(target.scalableDimension())
                .minCapacity(target.minCapacity())
                .maxCapacity(target.maxCapacity())
                .roleARN(target.roleArn())
                .creationTime(target.creationTime())
                .suspendedState(SuspendedState.builder()
                        .dynamicScalingInSuspended(target.suspendedState().dynamicScalingInSuspended())
                        .dynamicScalingOutSuspended(target.suspendedState().dynamicScalingOutSuspended())
                        .scheduledScalingSuspended(target.suspendedState().scheduledScalingSuspended())
                        .build())
                .scalableTargetARN(target.scalableTargetArn())
                .build();
    }

    static software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy policy(ScalingPolicy policy,
            List<PolicyAlarm> alarms) {
        return software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy.builder()
                .policyARN(policy.policyArn())
                .policyName(policy.policyName())
                .serviceNamespace(policy.serviceNamespace())
                .resourceId(policy.resourceId())
                .scalableDimension(policy.scalableDimension())
                .policyType(policy.policyType())
                .targetTrackingScalingPolicyConfiguration(targetTracking(policy.targetTracking()))
                .stepScalingPolicyConfiguration(stepScaling(policy.stepScaling()))
                .alarms(alarms(alarms))
                .creationTime(policy.creationTime())
                .build();
    }

    static List<Alarm> alarms(List<PolicyAlarm> alarms) {
        return alarms.stream().map(a -> Alarm.builder().alarmName(a.alarmName()).alarmARN(a.alarmArn()).build())
                .toList();
    }

    private static TargetTrackingScalingPolicyConfiguration targetTracking(TargetTrackingConfiguration config) {
        if (config == null) {
            return null;
        }
        CustomizedMetric custom = config.customizedMetric();
        return TargetTrackingScalingPolicyConfiguration.builder()
                .targetValue(config.targetValue())
                .predefinedMetricSpecification(config.predefinedMetricType() == null ? null
                        : PredefinedMetricSpecification.builder().predefinedMetricType(config.predefinedMetricType())
                                .resourceLabel(config.resourceLabel()).build())
                .customizedMetricSpecification(custom == null ? null : CustomizedMetricSpecification.builder()
                        .namespace(custom.namespace())
                        .metricName(custom.metricName())
                        .dimensions(custom.dimensions().entrySet().stream()
                                .map(d -> MetricDimension.builder().name(d.getKey()).value(d.getValue()).build())
                                .toList())
                        .statistic(custom.statistic())
                        .unit(custom.unit())
                        .build())
                .scaleOutCooldown(config.scaleOutCooldown())
                .scaleInCooldown(config.scaleInCooldown())
                .disableScaleIn(config.disableScaleIn())
                .build();
    }

    private static StepScalingPolicyConfiguration stepScaling(StepScalingConfiguration config) {
        if (config == null) {
            return null;
        }
        return StepScalingPolicyConfiguration.builder()
                .adjustmentType(config.adjustmentType())
                .stepAdjustments(config.stepAdjustments().stream().map(step -> StepAdjustment.builder()
                        .metricIntervalLowerBound(step.metricIntervalLowerBound())
                        .metricIntervalUpperBound(step.metricIntervalUpperBound())
                        .scalingAdjustment(step.scalingAdjustment())
                        .build()).toList())
                .minAdjustmentMagnitude(config.minAdjustmentMagnitude())
                .cooldown(config.cooldown())
                .metricAggregationType(config.metricAggregationType())
                .build();
    }

    static software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction scheduledAction(
            ScheduledAction action) {
        return software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction.builder()
                .scheduledActionName(action.scheduledActionName())
                .scheduledActionARN(action.scheduledActionArn())
                .serviceNamespace(action.serviceNamespace())
                .schedule(action.schedule())
                .timezone(action.timezone())
                .resourceId(action.resourceId())
                .scalableDimension(action.scalableDimension())
                .startTime(action.startTime())
                .endTime(action.endTime())
                .scalableTargetAction(ScalableTargetAction.builder().minCapacity(action.minCapacity())
                        .maxCapacity(action.maxCapacity()).build())
                .creationTime(action.creationTime())
                .build();
    }

    static software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity activity(
            ScalingActivity activity) {
        var builder = software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity.builder()
                .activityId(activity.activityId())
                .serviceNamespace(activity.serviceNamespace())
                .resourceId(activity.resourceId())
                .scalableDimension(activity.scalableDimension())
                .description(activity.description())
                .cause(activity.cause())
                .startTime(activity.startTime())
                .endTime(activity.endTime())
                .statusCode(activity.statusCode())
                .statusMessage(activity.statusMessage())
                .details(activity.details());
        if (activity.hasNotScaledReasons()) {
            builder.notScaledReasons(activity.notScaledReasons().stream().map(reason -> NotScaledReason.builder()
                    .code(reason.code()).maxCapacity(reason.maxCapacity()).minCapacity(reason.minCapacity())
                    .currentCapacity(reason.currentCapacity()).build()).toList());
        }
        return builder.build();
    }
}
