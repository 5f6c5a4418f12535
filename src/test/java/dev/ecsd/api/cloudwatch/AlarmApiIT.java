package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.state.Kind;
import dev.ecsd.testing.MemoryMetricStore;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** The alarm operations of CloudWatch through the Java SDK, which speaks RPC v2 CBOR to it. */
class AlarmApiIT {
    private static final String ARN_PREFIX = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:";
    private static final String POLICY = "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:"
            + "0b4f9d55-7f35-4c43-9b59-8a0b1a2b3c4d:resource/ecs/service/my-cluster/web:policyName/cpu";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:ops";
    private static final MemoryMetricStore metrics = new MemoryMetricStore();
    /** Time stands still (at the real time, for signatures) unless a test moves it; alarms evaluate when told. */
    private static VirtualTimer timer;
    private static TestServer server;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() {
        timer = new VirtualTimer(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30));
        server = TestServer.start(timer, new SimulatedRuntime(timer), true, metrics);
        cloudWatch = CloudWatchClient.builder().endpointOverride(server.endpoint()).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @AfterAll
    static void close() {
        cloudWatch.close();
        server.close();
    }

    @Test
    void alarmsAreEvaluatedOnTheMetricsData() {
        put("cpu-high", r -> { });
        MetricKey cpu = MetricKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "my-cluster",
                "ServiceName", "web"));
        Instant minute = timer.instant().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 3; i++) {
            metrics.put(cpu, minute.plusSeconds(60L * i + 10), 85.0 + i);
        }
        timer.advanceTo(minute.plusSeconds(3 * 60 + 6));
        server.server().controllers().runUntilIdle();

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().getFirst();
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).startsWith("Threshold Crossed: 3 datapoints [87.0 (").endsWith(
                "were greater than the threshold (70.0).");
        assertThat(alarm.stateReasonData()).contains("\"statistic\":\"Average\",\"period\":60,"
                + "\"recentDatapoints\":[85.0,86.0,87.0],\"threshold\":70.0");
        assertThat(history("cpu-high")).first().extracting(AlarmHistoryItem::historySummary)
                .isEqualTo("Successfully executed action " + POLICY);
        assertThat(server.server().store().snapshot().indexed(Kind.ALARM_ACTION_INVOCATION, POLICY).toList())
                .singleElement().extracting(AlarmActionInvocation::metricValue).isEqualTo(87.0);
    }

    @Test
    void aNewAlarmStartsInInsufficientDataWithCloudWatchsDefaults() {
        put("cpu-high", r -> r.tags(Tag.builder().key("team").value("web").build()));

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().getFirst();
        assertThat(alarm.alarmArn()).isEqualTo(ARN_PREFIX + "cpu-high");
        assertThat(alarm.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(alarm.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(alarm.actionsEnabled()).isTrue();
        assertThat(alarm.datapointsToAlarm()).isEqualTo(3);
        assertThat(alarm.statistic()).isEqualTo(Statistic.AVERAGE);
        assertThat(alarm.dimensions()).containsExactly(Dimension.builder().name("ClusterName").value("my-cluster")
                .build(), Dimension.builder().name("ServiceName").value("web").build());
        assertThat(alarm.alarmActions()).containsExactly(POLICY);
        assertThat(alarm.alarmConfigurationUpdatedTimestamp()).isNotNull();
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.alarmArn())).tags())
                .containsExactly(Tag.builder().key("team").value("web").build());
        assertThat(history("cpu-high")).singleElement().satisfies(item -> {
            assertThat(item.historyItemType()).isEqualTo(HistoryItemType.CONFIGURATION_UPDATE);
            assertThat(item.historySummary()).isEqualTo("Alarm \"cpu-high\" created");
            assertThat(item.alarmType()).isEqualTo(AlarmType.METRIC_ALARM);
            assertThat(item.historyData()).contains("\"type\":\"Create\"", "\"createdAlarm\":{");
        });
    }

    @Test
    void anUpdateKeepsTheStateAndIgnoresTags() {
        put("cpu-high", r -> { });
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.OK).stateReason("testing"));
        put("cpu-high", r -> r.threshold(80.0).tags(Tag.builder().key("ignored").value("yes").build()));

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().getFirst();
        assertThat(alarm.threshold()).isEqualTo(80.0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.OK);
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.alarmArn())).tags()).isEmpty();
        assertThat(history("cpu-high")).first().extracting(AlarmHistoryItem::historySummary)
                .isEqualTo("Alarm \"cpu-high\" updated");
    }

    @Test
    void putMetricAlarmIsValidatedAsCloudWatchDoes() {
        assertRefused(r -> r.period(45), "InvalidParameterValue", "Period must be 10, 20, 30 or a multiple of 60");
        assertRefused(r -> r.extendedStatistic("p99"), "InvalidParameterCombination", "Exactly one of");
        assertRefused(r -> r.statistic((String) null), "InvalidParameterCombination", "Exactly one of");
        assertRefused(r -> r.statistic((String) null).extendedStatistic("tm99"), "InvalidParameterValue",
                "ExtendedStatistic");
        assertRefused(r -> r.datapointsToAlarm(4), "InvalidParameterValue", "DatapointsToAlarm");
        assertRefused(r -> r.evaluationPeriods(0), "InvalidParameterValue", "EvaluationPeriods");
        assertRefused(r -> r.period(3000).evaluationPeriods(30), "InvalidParameterValue", "more than a day");
        assertRefused(r -> r.comparisonOperator(ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD),
                "InvalidParameterValue", "Anomaly detection");
        assertRefused(r -> r.treatMissingData("sometimes"), "InvalidParameterValue", "TreatMissingData");
        assertRefused(r -> r.metrics(MetricDataQuery.builder().id("m1").expression("SUM(METRICS())").build()),
                "InvalidParameterValue", "metric math");
        assertRefused(r -> r.threshold(null), "MissingParameter", "Threshold");
        assertRefused(r -> r.alarmActions("not-an-arn"), "InvalidParameterValue", "Invalid arn");
        assertRefused(r -> r.alarmName(null), "MissingParameter", "AlarmName");
        assertThat(cloudWatch.describeAlarms().metricAlarms()).isEmpty();
    }

    @Test
    void describeAlarmsFiltersAndPages() {
        put("a-one", r -> { });
        put("a-two", r -> r.alarmActions(TOPIC));
        put("b-three", r -> { });
        cloudWatch.setAlarmState(r -> r.alarmName("b-three").stateValue(StateValue.ALARM).stateReason("test"));

        assertThat(names(cloudWatch.describeAlarms())).containsExactly("a-one", "a-two", "b-three");
        assertThat(names(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("a-")))).containsExactly("a-one", "a-two");
        assertThat(names(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)))).containsExactly("b-three");
        assertThat(names(cloudWatch.describeAlarms(r -> r.actionPrefix("arn:aws:sns:")))).containsExactly("a-two");
        assertThat(names(cloudWatch.describeAlarms(r -> r.alarmNames("b-three", "nope", "a-one"))))
                .containsExactly("a-one", "b-three");
        DescribeAlarmsResponse composite = cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM));
        assertThat(composite.metricAlarms()).isEmpty();
        assertThat(composite.compositeAlarms()).isEmpty();

        DescribeAlarmsResponse first = cloudWatch.describeAlarms(r -> r.maxRecords(2));
        assertThat(names(first)).containsExactly("a-one", "a-two");
        DescribeAlarmsResponse second = cloudWatch.describeAlarms(r -> r.maxRecords(2).nextToken(first.nextToken()));
        assertThat(names(second)).containsExactly("b-three");
        assertThat(second.nextToken()).isNull();

        assertError(() -> cloudWatch.describeAlarms(r -> r.alarmNames("a-one").alarmNamePrefix("a")),
                "InvalidParameterCombination");
        assertError(() -> cloudWatch.describeAlarms(r -> r.maxRecords(101)), "InvalidParameterValue");
        assertError(() -> cloudWatch.describeAlarms(r -> r.nextToken("%%%")), "InvalidNextToken");
    }

    @Test
    void describeAlarmsForMetricMatchesTheMetricAndItsDimensions() {
        put("cpu", r -> { });
        put("memory", r -> r.metricName("MemoryUtilization"));
        put("cluster-cpu", r -> r.dimensions(Dimension.builder().name("ClusterName").value("my-cluster").build()));

        assertThat(cloudWatch.describeAlarmsForMetric(r -> r.namespace("AWS/ECS").metricName("CPUUtilization"))
                .metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("cluster-cpu", "cpu");
        assertThat(cloudWatch.describeAlarmsForMetric(r -> r.namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(Dimension.builder().name("ServiceName").value("web").build(),
                        Dimension.builder().name("ClusterName").value("my-cluster").build())
                .statistic(Statistic.AVERAGE).period(60)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("cpu");
        assertThat(cloudWatch.describeAlarmsForMetric(r -> r.namespace("AWS/ECS").metricName("CPUUtilization")
                .statistic(Statistic.MAXIMUM)).metricAlarms()).isEmpty();
    }

    @Test
    void setAlarmStateChangesTheStateWritesHistoryAndFiresActions() {
        put("cpu-high", r -> r.alarmActions(POLICY, TOPIC));
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.ALARM)
                .stateReason("Testing the scaling policy").stateReasonData("{\"source\":\"test\"}"));

        MetricAlarm alarm = cloudWatch.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().getFirst();
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).isEqualTo("Testing the scaling policy");
        assertThat(alarm.stateReasonData()).isEqualTo("{\"source\":\"test\"}");
        assertThat(alarm.stateTransitionedTimestamp()).isEqualTo(alarm.stateUpdatedTimestamp());
        List<AlarmActionInvocation> invocations = server.server().store().snapshot()
                .indexed(Kind.ALARM_ACTION_INVOCATION, POLICY).toList();
        assertThat(invocations).singleElement().satisfies(invocation -> {
            assertThat(invocation.alarmName()).isEqualTo("cpu-high");
            assertThat(invocation.state().name()).isEqualTo("ALARM");
        });
        assertThat(history("cpu-high")).extracting(AlarmHistoryItem::historySummary).contains(
                "Alarm updated from INSUFFICIENT_DATA to ALARM", "Successfully executed action " + POLICY,
                "Failed to execute action " + TOPIC);
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high")
                .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems()).singleElement()
                .satisfies(item -> assertThat(item.historyData()).isEqualTo("{\"version\":\"1.0\",\"oldState\":{"
                        + "\"stateValue\":\"INSUFFICIENT_DATA\",\"stateReason\":\"Unchecked: Initial alarm creation\"},"
                        + "\"newState\":{\"stateValue\":\"ALARM\",\"stateReason\":\"Testing the scaling policy\","
                        + "\"stateReasonData\":{\"source\":\"test\"}}}"));

        assertError(() -> cloudWatch.setAlarmState(r -> r.alarmName("nope").stateValue(StateValue.OK)
                .stateReason("x")), "ResourceNotFound");
        assertError(() -> cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.OK)
                .stateReason("x").stateReasonData("{not json")), "InvalidFormat");
    }

    @Test
    void disabledActionsAreNotFired() {
        put("cpu-high", r -> r.alarmActions(POLICY));
        cloudWatch.disableAlarmActions(r -> r.alarmNames("cpu-high", "not-there"));
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().getFirst()
                .actionsEnabled()).isFalse();
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.ALARM).stateReason("test"));
        assertThat(server.server().store().snapshot().count(Kind.ALARM_ACTION_INVOCATION)).isZero();

        cloudWatch.enableAlarmActions(r -> r.alarmNames("cpu-high"));
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.OK).stateReason("test"));
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.ALARM).stateReason("test"));
        assertThat(server.server().store().snapshot().count(Kind.ALARM_ACTION_INVOCATION)).isOne();
    }

    @Test
    void describeAlarmHistoryFiltersSortsAndPages() {
        put("cpu-high", r -> r.alarmActions(List.of()));
        Instant afterCreate = timer.instant();
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.OK).stateReason("one"));
        cloudWatch.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.ALARM).stateReason("two"));
        put("other", r -> { });

        assertThat(cloudWatch.describeAlarmHistory().alarmHistoryItems()).hasSize(4);
        assertThat(history("cpu-high")).extracting(AlarmHistoryItem::historySummary).containsExactly(
                "Alarm updated from OK to ALARM", "Alarm updated from INSUFFICIENT_DATA to OK",
                "Alarm \"cpu-high\" created");
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high")
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)).alarmHistoryItems()).first()
                .extracting(AlarmHistoryItem::historySummary).isEqualTo("Alarm \"cpu-high\" created");
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high")
                .historyItemType(HistoryItemType.CONFIGURATION_UPDATE)).alarmHistoryItems()).hasSize(1);
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high")
                .endDate(timer.instant().minusSeconds(3600))).alarmHistoryItems()).isEmpty();
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high")
                .startDate(afterCreate.minusSeconds(3600))).alarmHistoryItems()).hasSize(3);

        var first = cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high").maxRecords(2));
        assertThat(first.alarmHistoryItems()).hasSize(2);
        var second = cloudWatch.describeAlarmHistory(r -> r.alarmName("cpu-high").maxRecords(2)
                .nextToken(first.nextToken()));
        assertThat(second.alarmHistoryItems()).extracting(AlarmHistoryItem::historySummary)
                .containsExactly("Alarm \"cpu-high\" created");
        assertThat(second.nextToken()).isNull();
        assertError(() -> cloudWatch.describeAlarmHistory(r -> r.historyItemType("Sometimes")),
                "InvalidParameterValue");
    }

    @Test
    void deleteAlarmsDeletesAllOrNothingAndKeepsHistory() {
        put("one", r -> r.alarmActions(POLICY));
        put("two", r -> { });
        cloudWatch.setAlarmState(r -> r.alarmName("one").stateValue(StateValue.ALARM).stateReason("test"));
        assertError(() -> cloudWatch.deleteAlarms(r -> r.alarmNames("one", "three")), "ResourceNotFound");
        assertThat(cloudWatch.describeAlarms().metricAlarms()).hasSize(2);

        cloudWatch.deleteAlarms(r -> r.alarmNames("one", "two"));
        assertThat(cloudWatch.describeAlarms().metricAlarms()).isEmpty();
        assertThat(server.server().store().snapshot().count(Kind.ALARM_ACTION_INVOCATION)).isZero();
        assertThat(history("one")).first().extracting(AlarmHistoryItem::historySummary)
                .isEqualTo("Alarm \"one\" deleted");
    }

    @Test
    void tagsOfAlarms() {
        put("cpu-high", r -> { });
        String arn = ARN_PREFIX + "cpu-high";
        cloudWatch.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        cloudWatch.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("a").value("3").build()));
        cloudWatch.untagResource(r -> r.resourceARN(arn).tagKeys("b"));
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsExactly(Tag.builder().key("a").value("3").build());

        assertError(() -> cloudWatch.listTagsForResource(r -> r.resourceARN(ARN_PREFIX + "nope")),
                "ResourceNotFoundException");
        assertError(() -> cloudWatch.tagResource(r -> r.resourceARN(ARN_PREFIX + "nope")
                .tags(Tag.builder().key("a").value("1").build())), "ResourceNotFoundException");
        assertError(() -> cloudWatch.listTagsForResource(r -> r.resourceARN("arn:aws:sns:us-east-1:0:topic")),
                "InvalidParameterValue");
    }

    private static void put(String name, Consumer<PutMetricAlarmRequest.Builder> changes) {
        PutMetricAlarmRequest.Builder request = request(name);
        changes.accept(request);
        cloudWatch.putMetricAlarm(request.build());
    }

    private static PutMetricAlarmRequest.Builder request(String name) {
        return PutMetricAlarmRequest.builder().alarmName(name).namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(Dimension.builder().name("ServiceName").value("web").build(),
                        Dimension.builder().name("ClusterName").value("my-cluster").build())
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(3).threshold(70.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(POLICY);
    }

    private static void assertRefused(Consumer<PutMetricAlarmRequest.Builder> changes, String code, String message) {
        PutMetricAlarmRequest.Builder request = request("bad");
        changes.accept(request);
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(request.build()))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }

    private static void assertError(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudWatchException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    private static List<AlarmHistoryItem> history(String name) {
        return cloudWatch.describeAlarmHistory(r -> r.alarmName(name)).alarmHistoryItems();
    }

    private static List<String> names(DescribeAlarmsResponse response) {
        return response.metricAlarms().stream().map(MetricAlarm::alarmName).toList();
    }
}
