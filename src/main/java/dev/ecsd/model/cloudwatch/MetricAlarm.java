package dev.ecsd.model.cloudwatch;

import dev.ecsd.model.Lists;
import dev.ecsd.model.Tag;
import java.util.List;

/**
 * A CloudWatch metric alarm: its definition (what PutMetricAlarm set) and its status (what evaluation found).
 * Keyed by its ARN, {@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>}.
 */
public record MetricAlarm(String alarmArn, String alarmName, AlarmDefinition definition, AlarmStatus status,
        List<Tag> tags) {

    public MetricAlarm {
        tags = Lists.copy(tags);
    }

    public MetricAlarm withStatus(AlarmStatus newStatus) {
        return new MetricAlarm(alarmArn, alarmName, definition, newStatus, tags);
    }

    public MetricAlarm withDefinition(AlarmDefinition newDefinition) {
        return new MetricAlarm(alarmArn, alarmName, newDefinition, status, tags);
    }

    public MetricAlarm withTags(List<Tag> newTags) {
        return new MetricAlarm(alarmArn, alarmName, definition, status, newTags);
    }
}
