package dev.ecsd.protocol;

import dev.ecsd.model.ErrorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * A test-only CloudWatch, registered once for all three protocols its clients speak: PutMetricData keeps what it
 * is sent, ListMetrics and GetMetricStatistics answer from it, DescribeAlarms answers one nested alarm.
 */
final class CloudWatchEcho {
    static final String SERVICE = "GraniteServiceVersion20100801";
    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    /** ListMetrics of this namespace fails with InvalidParameterValue. */
    static final String REFUSED_NAMESPACE = "Refused";
    static final Instant UPDATED = Instant.parse("2026-12-04T17:00:00.123Z");

    final List<PutMetricDataRequest> received = new CopyOnWriteArrayList<>();

    ServiceProtocols service() {
        return ServiceProtocols.builder("monitoring", CloudWatchClient.class)
                .awsJson(SERVICE)
                .rpcV2Cbor(SERVICE)
                .awsQuery("2010-08-01", NAMESPACE)
                .queryErrorCode("InvalidParameterValueException", "InvalidParameterValue")
                .queryErrorCode("MissingRequiredParameterException", "MissingParameter")
                .add(JsonOperation.of("PutMetricData", PutMetricDataRequest::builder, request -> {
                    received.add(request);
                    return PutMetricDataResponse.builder().build();
                }, "Namespace"))
                .add(JsonOperation.of("ListMetrics", ListMetricsRequest::builder, this::listMetrics))
                .add(JsonOperation.of("GetMetricStatistics", GetMetricStatisticsRequest::builder,
                        this::getMetricStatistics, "Namespace", "MetricName", "StartTime", "EndTime", "Period"))
                .add(JsonOperation.of("DescribeAlarms", DescribeAlarmsRequest::builder, request -> describeAlarms()))
                .build();
    }

    private ListMetricsResponse listMetrics(ListMetricsRequest request) {
        if (REFUSED_NAMESPACE.equals(request.namespace())) {
            throw ErrorType.INVALID_PARAMETER_VALUE.exception("The namespace " + REFUSED_NAMESPACE + " is refused.");
        }
        List<Metric> metrics = received.stream()
                .filter(put -> request.namespace() == null || put.namespace().equals(request.namespace()))
                .flatMap(put -> put.metricData().stream().map(datum -> Metric.builder().namespace(put.namespace())
                        .metricName(datum.metricName()).dimensions(datum.dimensions()).build()))
                .distinct().toList();
        return ListMetricsResponse.builder().metrics(metrics).build();
    }

    private GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        List<Datapoint> datapoints = received.stream()
                .filter(put -> put.namespace().equals(request.namespace()))
                .flatMap(put -> put.metricData().stream())
                .filter(datum -> datum.metricName().equals(request.metricName()))
                .map(CloudWatchEcho::datapoint).toList();
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    private static Datapoint datapoint(MetricDatum datum) {
        StatisticSet statistics = datum.statisticValues();
        Datapoint.Builder point = Datapoint.builder().timestamp(datum.timestamp()).unit(datum.unit())
                .extendedStatistics(Map.of("p99", 99.5, "p50", 0.1));
        if (statistics != null) {
            point.sampleCount(statistics.sampleCount()).sum(statistics.sum()).minimum(statistics.minimum())
                    .maximum(statistics.maximum()).average(statistics.sum() / statistics.sampleCount());
        } else {
            point.sampleCount(1.0).average(datum.value());
        }
        return point.build();
    }

    static DescribeAlarmsResponse describeAlarms() {
        Dimension service = Dimension.builder().name("ServiceName").value("web").build();
        MetricAlarm alarm = MetricAlarm.builder().alarmName("web-cpu-high")
                .alarmArn("arn:aws:cloudwatch:us-east-1:000000000000:alarm:web-cpu-high")
                .actionsEnabled(true)
                .alarmActions("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:1:resource/ecs/service/c/web")
                .okActions(List.of())
                .stateValue(StateValue.ALARM).stateReason("Threshold Crossed: 3 datapoints > 75.0")
                .stateUpdatedTimestamp(UPDATED).alarmConfigurationUpdatedTimestamp(UPDATED.minusSeconds(3600))
                .metricName("CPUUtilization").namespace("AWS/ECS").dimensions(service)
                .period(60).evaluationPeriods(3).datapointsToAlarm(3).threshold(75.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).unit(StandardUnit.PERCENT)
                .metrics(MetricDataQuery.builder().id("m1").returnData(true).metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace("AWS/ECS").metricName("CPUUtilization")
                                .dimensions(service).build())
                        .period(60).stat("Average").build()).build())
                .build();
        return DescribeAlarmsResponse.builder().metricAlarms(alarm).nextToken("next").build();
    }
}
