package dev.ecsd.api.cloudwatch;

import dev.ecsd.model.Tag;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmHistoryItem;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/** CloudWatch alarms between the model and the SDK's shapes. */
final class AlarmMapper {
    private AlarmMapper() {
    }

    static software.amazon.awssdk.services.cloudwatch.model.MetricAlarm toSdk(MetricAlarm alarm) {
        AlarmDefinition d = alarm.definition();
        return software.amazon.awssdk.services.cloudwatch.model.MetricAlarm.builder()
                .alarmName(alarm.alarmName())
                .alarmArn(alarm.alarmArn())
                .alarmDescription(d.description())
                .alarmConfigurationUpdatedTimestamp(d.configurationUpdatedAt())
                .actionsEnabled(d.actionsEnabled())
                .okActions(orEmpty(d.okActions()))
                .alarmActions(orEmpty(d.alarmActions()))
                .insufficientDataActions(orEmpty(d.insufficientDataActions()))
                .stateValue(alarm.status().state().name())
                .stateReason(alarm.status().reason())
                .stateReasonData(alarm.status().reasonData())
                .stateUpdatedTimestamp(alarm.status().updatedAt())
                .stateTransitionedTimestamp(alarm.status().transitionedAt())
                .metricName(d.metric().metricName())
                .namespace(d.metric().namespace())
                .statistic(d.statistic())
                .extendedStatistic(d.extendedStatistic())
                .dimensions(dimensions(d.metric().dimensions()))
                .period(d.periodSeconds())
                .unit(d.unit())
                .evaluationPeriods(d.evaluationPeriods())
                .datapointsToAlarm(d.datapointsToAlarm())
                .threshold(d.threshold())
                .comparisonOperator(d.comparisonOperator())
                .treatMissingData(d.treatMissingData())
                .evaluateLowSampleCountPercentile(d.evaluateLowSampleCountPercentile())
                .build();
    }

    static software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem toSdk(AlarmHistoryItem item) {
        return software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem.builder()
                .alarmName(item.alarmName())
                .alarmType(AlarmType.METRIC_ALARM)
                .timestamp(item.timestamp())
                .historyItemType(item.historyItemType())
                .historySummary(item.historySummary())
                .historyData(item.historyData())
                .build();
    }

    static List<Dimension> dimensions(Map<String, String> dimensions) {
        return dimensions.entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> map = new TreeMap<>();
        dimensions.forEach(d -> map.put(d.name(), d.value()));
        return map;
    }

    static List<software.amazon.awssdk.services.cloudwatch.model.Tag> tags(List<Tag> tags) {
        return orEmpty(tags).stream()
                .map(t -> software.amazon.awssdk.services.cloudwatch.model.Tag.builder().key(t.key()).value(t.value())
                        .build())
                .toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
