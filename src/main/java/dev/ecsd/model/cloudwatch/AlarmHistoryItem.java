package dev.ecsd.model.cloudwatch;

import java.time.Instant;

/**
 * One item of an alarm's history, as DescribeAlarmHistory returns it: a state change (StateUpdate), a change of its
 * configuration (ConfigurationUpdate) or an action carried out or not (Action), with CloudWatch's summary and JSON
 * data. Kept 30 days, as CloudWatch keeps them, also after the alarm is deleted.
 *
 * @param id sorts an alarm's items by time: {@code <alarm ARN> <epoch millis, 13 digits> <ordinal>}
 */
public record AlarmHistoryItem(
        String id,
        String alarmArn,
        String alarmName,
        Instant timestamp,
        String historyItemType,
        String historySummary,
        String historyData) {

    public static final String STATE_UPDATE = "StateUpdate";
    public static final String CONFIGURATION_UPDATE = "ConfigurationUpdate";
    public static final String ACTION = "Action";

    public static String id(String alarmArn, Instant timestamp, int ordinal) {
        return alarmArn + " " + padded(timestamp.toEpochMilli(), 13) + " " + padded(ordinal, 3);
    }

    private static String padded(long value, int digits) {
        String text = Long.toString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
