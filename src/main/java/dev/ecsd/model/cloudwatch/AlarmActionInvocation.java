package dev.ecsd.model.cloudwatch;

import java.time.Instant;

/**
 * An alarm action waiting to be carried out: written by alarm evaluation in the same transaction as the alarm's
 * state, and deleted by whoever carries it out (Application Auto Scaling, for a scaling policy ARN) in the same
 * transaction as its effect — so a kill -9 between the two neither loses nor repeats it. At most one waits per
 * action and alarm: a newer evaluation replaces an older one not yet carried out.
 *
 * @param metricValue the value of the alarm's statistic in the newest evaluated period, or null when it had no data
 * @param periodEnd   the end of the evaluated period that invoked the action
 */
public record AlarmActionInvocation(
        String actionArn,
        String alarmArn,
        String alarmName,
        AlarmState state,
        Double metricValue,
        double threshold,
        String comparisonOperator,
        Instant periodEnd,
        Instant invokedAt) {

    public static String key(String actionArn, String alarmArn) {
        return actionArn + " " + alarmArn;
    }

    public String key() {
        return key(actionArn, alarmArn);
    }
}
