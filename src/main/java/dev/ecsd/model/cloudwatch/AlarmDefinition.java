package dev.ecsd.model.cloudwatch;

import dev.ecsd.model.Lists;
import java.time.Instant;
import java.util.List;

/**
 * What PutMetricAlarm says an alarm watches and does: its metric and statistic, its threshold and comparison, how
 * many periods it evaluates (M of N), how it treats missing data, and the actions of each state. Spellings are
 * CloudWatch's: {@code statistic} is Average/Sum/SampleCount/Minimum/Maximum (or null with an
 * {@code extendedStatistic} such as p99), {@code comparisonOperator} is GreaterThanThreshold and the like,
 * {@code treatMissingData} is missing/notBreaching/breaching/ignore (null means missing).
 *
 * @param periodSeconds the alarm's Period as the user gave it, in AWS seconds (see {@code MetricPeriod} for how
 *                      ecsd may shorten it)
 * @param datapointsToAlarm M of "M out of N"; equals {@code evaluationPeriods} when the user gave none
 */
public record AlarmDefinition(
        String description,
        boolean actionsEnabled,
        List<String> okActions,
        List<String> alarmActions,
        List<String> insufficientDataActions,
        MetricKey metric,
        String statistic,
        String extendedStatistic,
        int periodSeconds,
        String unit,
        int evaluationPeriods,
        int datapointsToAlarm,
        double threshold,
        String comparisonOperator,
        String treatMissingData,
        String evaluateLowSampleCountPercentile,
        Instant configurationUpdatedAt) {

    public AlarmDefinition {
        okActions = Lists.copy(okActions);
        alarmActions = Lists.copy(alarmActions);
        insufficientDataActions = Lists.copy(insufficientDataActions);
    }

    /** The actions of entering (or, for scaling policies, staying in) {@code state}. */
    public List<String> actionsFor(AlarmState state) {
        return switch (state) {
            case OK -> okActions;
            case ALARM -> alarmActions;
            case INSUFFICIENT_DATA -> insufficientDataActions;
        };
    }
}
