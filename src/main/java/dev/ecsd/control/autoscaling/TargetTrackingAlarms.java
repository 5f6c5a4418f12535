package dev.ecsd.control.autoscaling;

import dev.ecsd.model.Arns;
import dev.ecsd.model.autoscaling.CustomizedMetric;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch alarms a target tracking policy creates and owns, shaped as AWS shapes them: a high alarm over three
 * one-minute periods at the target ({@code GreaterThanThreshold}), and — unless the policy disables scale-in — a low
 * alarm over fifteen at 90% of it ({@code LessThanThreshold}); both invoke the policy, and both say not to touch them.
 */
public final class TargetTrackingAlarms {
    public static final int PERIOD_SECONDS = 60;
    public static final int HIGH_PERIODS = 3;
    public static final int LOW_PERIODS = 15;
    public static final double LOW_FRACTION = 0.9;

    private TargetTrackingAlarms() {
    }

    /** The alarm name AWS gives: {@code TargetTracking-<resourceId>-AlarmHigh-<uuid>} (or AlarmLow). */
    public static String name(String resourceId, boolean high, String uuid) {
        return "TargetTracking-" + resourceId + (high ? "-AlarmHigh-" : "-AlarmLow-") + uuid;
    }

    public static String alarmArn(Arns arns, String alarmName) {
        return "arn:" + Arns.PARTITION + ":cloudwatch:" + arns.region() + ":" + arns.accountId() + ":alarm:"
                + alarmName;
    }

    /**
     * The policy's alarms, named {@code highName} and {@code lowName}: existing ones keep their status (so a
     * replaced policy's alarms go on from where they stood), new ones start in INSUFFICIENT_DATA.
     */
    public static List<MetricAlarm> alarms(Arns arns, ScalingPolicy policy, String highName, String lowName,
            Map<String, MetricAlarm> existing, Instant now) {
        TargetTrackingConfiguration config = policy.targetTracking();
        List<MetricAlarm> alarms = new ArrayList<>();
        alarms.add(alarm(arns, policy, highName, HIGH_PERIODS, config.targetValue(), "GreaterThanThreshold",
                existing, now));
        if (!config.disableScaleIn()) {
            alarms.add(alarm(arns, policy, lowName, LOW_PERIODS, config.targetValue() * LOW_FRACTION,
                    "LessThanThreshold", existing, now));
        }
        return alarms;
    }

    private static MetricAlarm alarm(Arns arns, ScalingPolicy policy, String name, int periods, double threshold,
            String comparison, Map<String, MetricAlarm> existing, Instant now) {
        TargetTrackingConfiguration config = policy.targetTracking();
        CustomizedMetric custom = config.customizedMetric();
        MetricKey metric = metric(policy.resourceId(), config);
        String statistic = custom != null ? custom.statistic()
                : "ALBRequestCountPerTarget".equals(config.predefinedMetricType()) ? "Sum" : "Average";
        AlarmDefinition definition = new AlarmDefinition(
                "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policy.policyArn() + ".", true, List.of(),
                List.of(policy.policyArn()), List.of(), metric, statistic, null, PERIOD_SECONDS,
                custom == null ? null : custom.unit(), periods, periods, threshold, comparison, null, null, now);
        String arn = alarmArn(arns, name);
        MetricAlarm before = existing.get(arn);
        return before == null ? new MetricAlarm(arn, name, definition, AlarmStatus.initial(now), List.of())
                : before.withDefinition(definition);
    }

    /** The metric a target tracking configuration tracks for an ECS service {@code service/<cluster>/<service>}. */
    public static MetricKey metric(String resourceId, TargetTrackingConfiguration config) {
        if (config.customizedMetric() != null) {
            CustomizedMetric custom = config.customizedMetric();
            return MetricKey.of(custom.namespace(), custom.metricName(), custom.dimensions());
        }
        String[] parts = resourceId.split("/", 3);
        Map<String, String> service = Map.of("ClusterName", parts[1], "ServiceName", parts[2]);
        return switch (config.predefinedMetricType()) {
            case "ECSServiceAverageMemoryUtilization" -> MetricKey.of("AWS/ECS", "MemoryUtilization", service);
            case "ALBRequestCountPerTarget" -> MetricKey.of("AWS/ApplicationELB", "RequestCountPerTarget",
                    Map.of("TargetGroup", targetGroupOf(config.resourceLabel())));
            default -> MetricKey.of("AWS/ECS", "CPUUtilization", service);
        };
    }

    /** The TargetGroup dimension of a ResourceLabel {@code app/<lb>/<id>/targetgroup/<tg>/<id>}. */
    static String targetGroupOf(String resourceLabel) {
        int at = resourceLabel == null ? -1 : resourceLabel.indexOf("targetgroup/");
        return at < 0 ? String.valueOf(resourceLabel) : resourceLabel.substring(at);
    }
}
