package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The metric operations through the Java SDK's CloudWatch client (RPC v2 CBOR) against a real server. */
class CloudWatchMetricsIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    private static final Dimension WEB = Dimension.builder().name("ServiceName").value("web").build();
    private final CloudWatchClient cloudWatch = server.cloudWatch();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));

    @Test
    void putsValuesCountsAndStatisticSetsAndReadsTheirStatisticsAndPercentiles() {
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(
                datum("Latency").timestamp(base.plusSeconds(1)).value(10.0).build(),
                datum("Latency").timestamp(base.plusSeconds(2)).values(20.0, 30.0).counts(1.0, 2.0).build(),
                datum("Latency").timestamp(base.plusSeconds(61)).statisticValues(s -> s.sampleCount(4.0).sum(100.0)
                        .minimum(5.0).maximum(45.0)).build()));

        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("Latency")
                .dimensions(WEB).startTime(base).endTime(base.plusSeconds(120)).period(60)
                .statisticsWithStrings("SampleCount", "Average", "Sum", "Minimum", "Maximum")).datapoints();
        List<Datapoint> percentiles = cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("Latency")
                .dimensions(WEB).startTime(base).endTime(base.plusSeconds(120)).period(60)
                .extendedStatistics("p50", "p99.9")).datapoints();

        assertThat(points).hasSize(2);
        Datapoint first = points.getFirst();
        assertThat(first.timestamp()).isEqualTo(base);
        assertThat(first.sampleCount()).isEqualTo(4.0);
        assertThat(first.sum()).isEqualTo(90.0);
        assertThat(first.average()).isEqualTo(22.5);
        assertThat(first.minimum()).isEqualTo(10.0);
        assertThat(first.maximum()).isEqualTo(30.0);
        assertThat(first.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(points.get(1).average()).isEqualTo(25.0);
        assertThat(percentiles.getFirst().extendedStatistics()).containsEntry("p50", 20.0).containsEntry("p99.9", 30.0);
        assertThat(percentiles.get(1).extendedStatistics()).as("a statistic set gives no percentiles").isEmpty();
    }

    @Test
    void getMetricStatisticsLabelsItsAnswerAndFiltersByUnit() {
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(
                datum("Latency").timestamp(base).value(1.0).build(),
                datum("Latency").timestamp(base).value(1000.0).unit(StandardUnit.MICROSECONDS).build()));

        var all = cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("Latency").dimensions(WEB)
                .startTime(base).endTime(base.plusSeconds(60)).period(60).statisticsWithStrings("Sum"));
        var micro = cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("Latency").dimensions(WEB)
                .startTime(base).endTime(base.plusSeconds(60)).period(60).statisticsWithStrings("Sum")
                .unit(StandardUnit.MICROSECONDS));

        assertThat(all.label()).isEqualTo("Latency");
        assertThat(all.datapoints()).extracting(Datapoint::unit)
                .containsExactlyInAnyOrder(StandardUnit.MILLISECONDS, StandardUnit.MICROSECONDS);
        assertThat(micro.datapoints()).singleElement().satisfies(point -> assertThat(point.sum()).isEqualTo(1000.0));
    }

    @Test
    void highResolutionDataIsReadBySecond() {
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(
                datum("Hits").timestamp(base.plusSeconds(1)).value(1.0).storageResolution(1).build(),
                datum("Hits").timestamp(base.plusSeconds(2)).value(2.0).storageResolution(1).build()));

        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("Hits")
                .dimensions(WEB).startTime(base).endTime(base.plusSeconds(10)).period(1)
                .statisticsWithStrings("Sum")).datapoints();

        assertThat(points).extracting(Datapoint::timestamp).containsExactly(base.plusSeconds(1), base.plusSeconds(2));
    }

    @Test
    void refusesWhatCloudWatchRefusesWithItsErrors() {
        assertError(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/ECS")
                .metricData(datum("X").value(1.0).build())), InvalidParameterValueException.class,
                "InvalidParameterValue", "Namespaces starting with \"AWS/\" are reserved");
        assertError(() -> cloudWatch.putMetricData(r -> r.metricData(datum("X").value(1.0).build())),
                MissingRequiredParameterException.class, "MissingParameter", "The parameter Namespace is required.");
        assertError(() -> cloudWatch.putMetricData(r -> r.namespace("App").metricData(datum("X").value(1.0)
                .statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)).build())),
                InvalidParameterCombinationException.class, "InvalidParameterCombination",
                "The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually "
                        + "exclusive and you have specified both.");
        assertError(() -> cloudWatch.putMetricData(r -> r.namespace("App").metricData(datum("X").value(Double.NaN)
                .build())), InvalidParameterValueException.class, "InvalidParameterValue",
                "The value NaN for parameter MetricData.member.1.Value is invalid.");
        assertError(() -> cloudWatch.putMetricData(r -> r.namespace("App").metricData(datum("X").value(1.0)
                .timestamp(Instant.now().minus(Duration.ofDays(15))).build())), InvalidParameterValueException.class,
                "InvalidParameterValue", "Timestamp must specify a time no more than two weeks in the past.");
        assertError(() -> cloudWatch.putMetricData(r -> r.namespace("App").metricData(datum("X").value(1.0)
                .storageResolution(5).build())), InvalidParameterValueException.class, "InvalidParameterValue",
                "The value 5 for parameter MetricData.member.1.StorageResolution is invalid.");
        assertError(() -> cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("X")
                .startTime(base.minus(Duration.ofDays(2))).endTime(base).period(60).statisticsWithStrings("Sum")),
                InvalidParameterCombinationException.class, "InvalidParameterCombination",
                "which exceeds the limit of 1440.");
        assertError(() -> cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base.plusSeconds(60)).period(60).statisticsWithStrings("Sum").extendedStatistics("p90")),
                InvalidParameterCombinationException.class, "InvalidParameterCombination",
                "Must specify either Statistics or ExtendedStatistics, but not both.");
        assertError(() -> cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("X").startTime(base)
                .endTime(base.plusSeconds(60)).period(45).statisticsWithStrings("Sum")),
                InvalidParameterValueException.class, "InvalidParameterValue", "must be a multiple of 60");
        assertError(() -> cloudWatch.listMetrics(r -> r.nextToken("bogus")), InvalidNextTokenException.class,
                "InvalidNextToken", "NextToken was invalid");
    }

    @Test
    void getMetricDataScansNewestFirstByDefaultAndPages() {
        List<MetricDatum> data = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            data.add(datum("Requests").timestamp(base.plusSeconds(minute * 60L)).value((double) minute).build());
        }
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(data));
        MetricDataQuery requests = MetricDataQuery.builder().id("requests").metricStat(s -> s.period(60).stat("Sum")
                .metric(m -> m.namespace("App").metricName("Requests").dimensions(WEB))).build();
        MetricDataQuery math = MetricDataQuery.builder().id("doubled").expression("requests * 2").build();

        GetMetricDataResponse newest = cloudWatch.getMetricData(r -> r.metricDataQueries(requests, math)
                .startTime(base).endTime(base.plusSeconds(600)));
        GetMetricDataResponse firstPage = cloudWatch.getMetricData(r -> r.metricDataQueries(requests)
                .startTime(base).endTime(base.plusSeconds(600)).scanBy(ScanBy.TIMESTAMP_ASCENDING).maxDatapoints(4));
        GetMetricDataResponse secondPage = cloudWatch.getMetricData(r -> r.metricDataQueries(requests)
                .startTime(base).endTime(base.plusSeconds(600)).scanBy(ScanBy.TIMESTAMP_ASCENDING).maxDatapoints(4)
                .nextToken(firstPage.nextToken()));

        MetricDataResult result = newest.metricDataResults().getFirst();
        assertThat(result.id()).isEqualTo("requests");
        assertThat(result.label()).isEqualTo("Requests");
        assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(result.timestamps()).first().isEqualTo(base.plusSeconds(540));
        assertThat(result.values()).containsExactly(9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0);
        assertThat(newest.metricDataResults().get(1).messages()).singleElement()
                .satisfies(message -> assertThat(message.value()).contains("metric math"));
        assertThat(firstPage.metricDataResults().getFirst().values()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(firstPage.metricDataResults().getFirst().statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(secondPage.metricDataResults().getFirst().values()).containsExactly(4.0, 5.0, 6.0, 7.0);
    }

    @Test
    void listMetricsFiltersByNamespaceNameAndDimensionsAndPagesAt500() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            data.add(MetricDatum.builder().metricName("Queue").dimensions(Dimension.builder().name("QueueName")
                    .value("q" + i).build()).value(1.0).build());
        }
        cloudWatch.putMetricData(r -> r.namespace("Queues").metricData(data));
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(datum("Latency").value(1.0).build()));

        ListMetricsResponse first = cloudWatch.listMetrics(r -> r.namespace("Queues"));
        ListMetricsResponse second = cloudWatch.listMetrics(r -> r.namespace("Queues").nextToken(first.nextToken()));
        List<Metric> byDimension = cloudWatch.listMetrics(r -> r.dimensions(DimensionFilter.builder()
                .name("QueueName").value("q7").build())).metrics();
        List<Metric> byName = cloudWatch.listMetrics(r -> r.metricName("Latency").recentlyActive("PT3H")).metrics();

        assertThat(first.metrics()).hasSize(500);
        assertThat(second.metrics()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        assertThat(byDimension).singleElement().satisfies(metric -> assertThat(metric.dimensions())
                .containsExactly(Dimension.builder().name("QueueName").value("q7").build()));
        assertThat(byName).containsExactly(Metric.builder().namespace("App").metricName("Latency").dimensions(WEB)
                .build());
    }

    @Test
    void resetForgetsMetrics() {
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(datum("Latency").value(1.0).build()));

        server.reset();

        assertThat(cloudWatch.listMetrics(r -> r.namespace("App")).metrics()).isEmpty();
    }

    private static MetricDatum.Builder datum(String name) {
        return MetricDatum.builder().metricName(name).dimensions(WEB).unit(StandardUnit.MILLISECONDS);
    }

    private static void assertError(Runnable call, Class<? extends CloudWatchException> type, String code,
            String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
