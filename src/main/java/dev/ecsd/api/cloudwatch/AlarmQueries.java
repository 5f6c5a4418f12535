package dev.ecsd.api.cloudwatch;

import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmHistoryItem;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;

/** DescribeAlarms, DescribeAlarmsForMetric and DescribeAlarmHistory: reads of alarms and their history. */
final class AlarmQueries {
    private static final Set<String> ALARM_TYPES = Set.of("MetricAlarm", "CompositeAlarm");
    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final Set<String> HISTORY_ITEM_TYPES = Set.of("ConfigurationUpdate", "StateUpdate", "Action",
            "AlarmContributorStateUpdate", "AlarmContributorAction");

    private final StateStore store;
    private final Arns arns;

    AlarmQueries(StateStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    void register(ServiceProtocols.Builder builder) {
        builder.add(JsonOperation.of("DescribeAlarms", DescribeAlarmsRequest::builder, this::describeAlarms))
                .add(JsonOperation.of("DescribeAlarmsForMetric", DescribeAlarmsForMetricRequest::builder,
                        this::describeAlarmsForMetric))
                .add(JsonOperation.of("DescribeAlarmHistory", DescribeAlarmHistoryRequest::builder,
                        this::describeAlarmHistory));
    }

    DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        int maxRecords = maxRecords(request.maxRecords(), 50);
        if (request.hasAlarmNames() && !request.alarmNames().isEmpty() && request.alarmNamePrefix() != null) {
            throw ErrorType.INVALID_PARAMETER_COMBINATION.exception(
                    "AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        AlarmRequests.names(request.alarmNames(), "AlarmNames", 100);
        String state = request.stateValueAsString();
        if (state != null && !STATES.contains(state)) {
            throw AlarmRequests.invalid("Invalid value '" + state + "' for StateValue: one of OK, ALARM, "
                    + "INSUFFICIENT_DATA.");
        }
        List<String> types = request.alarmTypesAsStrings();
        types.stream().filter(type -> !ALARM_TYPES.contains(type)).findFirst().ifPresent(type -> {
            throw AlarmRequests.invalid("Invalid value '" + type + "' for AlarmTypes: MetricAlarm or CompositeAlarm.");
        });
        boolean metricAlarms = (types.isEmpty() || types.contains("MetricAlarm"))
                && request.childrenOfAlarmName() == null && request.parentsOfAlarmName() == null;
        Snapshot snapshot = store.snapshot();
        Stream<MetricAlarm> alarms;
        if (!metricAlarms) {
            alarms = Stream.empty();
        } else if (!request.alarmNames().isEmpty()) {
            alarms = request.alarmNames().stream().distinct().sorted()
                    .map(name -> snapshot.find(Kind.METRIC_ALARM, arns.cloudWatchAlarm(name)))
                    .flatMap(Optional::stream);
        } else {
            alarms = snapshot.withKeyPrefix(Kind.METRIC_ALARM, arns.cloudWatchAlarm(
                    request.alarmNamePrefix() == null ? "" : request.alarmNamePrefix()));
        }
        String after = request.nextToken() == null ? null : decodeToken(request.nextToken());
        List<MetricAlarm> page = alarms
                .filter(alarm -> state == null || alarm.status().state().name().equals(state))
                .filter(alarm -> request.actionPrefix() == null || hasActionWithPrefix(alarm, request.actionPrefix()))
                .filter(alarm -> after == null || alarm.alarmName().compareTo(after) > 0)
                .limit(maxRecords + 1L)
                .toList();
        DescribeAlarmsResponse.Builder response = DescribeAlarmsResponse.builder().compositeAlarms(List.of());
        if (page.size() > maxRecords) {
            page = page.subList(0, maxRecords);
            response.nextToken(encodeToken(page.getLast().alarmName()));
        }
        return response.metricAlarms(page.stream().map(AlarmMapper::toSdk).toList()).build();
    }

    DescribeAlarmsForMetricResponse describeAlarmsForMetric(DescribeAlarmsForMetricRequest request) {
        if (request.metricName() == null) {
            throw AlarmRequests.missing("MetricName");
        }
        if (request.namespace() == null) {
            throw AlarmRequests.missing("Namespace");
        }
        Map<String, String> dimensions = request.hasDimensions() ? AlarmRequests.dimensions(request.dimensions())
                : null;
        String statistic = request.statisticAsString();
        List<MetricAlarm> alarms = store.snapshot().all(Kind.METRIC_ALARM).filter(alarm -> {
            AlarmDefinition d = alarm.definition();
            return d.metric().namespace().equals(request.namespace())
                    && d.metric().metricName().equals(request.metricName())
                    && (dimensions == null || d.metric().dimensions().equals(dimensions))
                    && (statistic == null || statistic.equals(d.statistic()))
                    && (request.extendedStatistic() == null || request.extendedStatistic().equals(d.extendedStatistic()))
                    && (request.period() == null || request.period() == d.periodSeconds())
                    && (request.unitAsString() == null || request.unitAsString().equals(d.unit()));
        }).toList();
        return DescribeAlarmsForMetricResponse.builder()
                .metricAlarms(alarms.stream().map(AlarmMapper::toSdk).toList()).build();
    }

    DescribeAlarmHistoryResponse describeAlarmHistory(DescribeAlarmHistoryRequest request) {
        int maxRecords = maxRecords(request.maxRecords(), 100);
        String type = request.historyItemTypeAsString();
        if (type != null && !HISTORY_ITEM_TYPES.contains(type)) {
            throw AlarmRequests.invalid("Invalid value '" + type + "' for HistoryItemType: one of "
                    + "ConfigurationUpdate, StateUpdate, Action.");
        }
        String scanBy = request.scanByAsString() == null ? "TimestampDescending" : request.scanByAsString();
        if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw AlarmRequests.invalid("Invalid value '" + scanBy + "' for ScanBy: TimestampDescending or "
                    + "TimestampAscending.");
        }
        List<String> types = request.alarmTypesAsStrings();
        types.stream().filter(t -> !ALARM_TYPES.contains(t)).findFirst().ifPresent(t -> {
            throw AlarmRequests.invalid("Invalid value '" + t + "' for AlarmTypes: MetricAlarm or CompositeAlarm.");
        });
        Instant start = request.startDate();
        Instant end = request.endDate();
        Snapshot snapshot = store.snapshot();
        Stream<AlarmHistoryItem> items = !types.isEmpty() && !types.contains("MetricAlarm") ? Stream.empty()
                : request.alarmName() != null
                        ? snapshot.indexed(Kind.ALARM_HISTORY, arns.cloudWatchAlarm(request.alarmName()))
                        : snapshot.all(Kind.ALARM_HISTORY);
        Comparator<AlarmHistoryItem> order = Comparator.comparing(AlarmHistoryItem::timestamp)
                .thenComparing(AlarmHistoryItem::id);
        if (scanBy.equals("TimestampDescending")) {
            order = order.reversed();
        }
        String after = request.nextToken() == null ? null : decodeToken(request.nextToken());
        List<AlarmHistoryItem> sorted = items
                .filter(item -> type == null || item.historyItemType().equals(type))
                .filter(item -> start == null || !item.timestamp().isBefore(start))
                .filter(item -> end == null || !item.timestamp().isAfter(end))
                .sorted(order)
                .toList();
        int from = 0;
        if (after != null) {
            from = sorted.stream().map(AlarmHistoryItem::id).toList().indexOf(after) + 1;
            if (from == 0) {
                throw ErrorType.CLOUDWATCH_INVALID_NEXT_TOKEN.exception("The service cannot recognize the NextToken.");
            }
        }
        List<AlarmHistoryItem> page = sorted.subList(from, Math.min(sorted.size(), from + maxRecords));
        DescribeAlarmHistoryResponse.Builder response = DescribeAlarmHistoryResponse.builder()
                .alarmHistoryItems(page.stream().map(AlarmMapper::toSdk).toList());
        if (from + maxRecords < sorted.size()) {
            response.nextToken(encodeToken(page.getLast().id()));
        }
        return response.build();
    }

    private static boolean hasActionWithPrefix(MetricAlarm alarm, String prefix) {
        AlarmDefinition d = alarm.definition();
        return Stream.of(d.okActions(), d.alarmActions(), d.insufficientDataActions())
                .filter(Objects::nonNull).flatMap(List::stream).anyMatch(a -> a.startsWith(prefix));
    }

    private static int maxRecords(Integer maxRecords, int defaultValue) {
        if (maxRecords == null) {
            return defaultValue;
        }
        if (maxRecords < 1 || maxRecords > 100) {
            throw AlarmRequests.invalid("The parameter MaxRecords must be between 1 and 100.");
        }
        return maxRecords;
    }

    private static String encodeToken(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ErrorType.CLOUDWATCH_INVALID_NEXT_TOKEN.exception("The service cannot recognize the NextToken.");
        }
    }
}
