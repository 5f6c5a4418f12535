package dev.ecsd.api.cloudwatch;

import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.Percentiles;
import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/** CloudWatch's metric operations: PutMetricData, GetMetricStatistics, GetMetricData and ListMetrics. */
public final class MetricOperations {
    static final int MAX_DATAPOINTS = 1_440;
    static final int LIST_PAGE = 500;
    static final Duration RECENTLY_ACTIVE = Duration.ofHours(3);
    /** ListMetrics leaves out metrics that received no data for two weeks, as CloudWatch does. */
    static final Duration LISTED_FOR = Duration.ofDays(14);

    private final MetricStore store;
    private final InstantSource clock;
    private final MetricDataQueries queries;

    public MetricOperations(MetricStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.queries = new MetricDataQueries(store, clock);
    }

    /** Adds the metric operations to the CloudWatch service. */
    public void register(ServiceProtocols.Builder service) {
        // Required members are checked here rather than by the dispatcher, so the error is CloudWatch's own.
        service.add(JsonOperation.of("PutMetricData", PutMetricDataRequest::builder, this::putMetricData))
                .add(JsonOperation.of("GetMetricStatistics", GetMetricStatisticsRequest::builder,
                        this::getMetricStatistics))
                .add(JsonOperation.of("GetMetricData", GetMetricDataRequest::builder, queries::getMetricData))
                .add(JsonOperation.of("ListMetrics", ListMetricsRequest::builder, this::listMetrics));
    }

    PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
        store.put(MetricDataValidation.data(request, clock.instant()));
        return PutMetricDataResponse.builder().build();
    }

    GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        CloudWatchErrors.require(request.namespace(), "Namespace");
        CloudWatchErrors.require(request.metricName(), "MetricName");
        CloudWatchErrors.require(request.startTime(), "StartTime");
        CloudWatchErrors.require(request.endTime(), "EndTime");
        int period = Statistics.checkPeriod(request.period(), "Period");
        boolean hasStatistics = request.hasStatistics() && !request.statistics().isEmpty();
        boolean hasExtended = request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty();
        if (hasStatistics == hasExtended) {
            throw CloudWatchErrors.combination("Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        List<String> statistics = hasStatistics ? request.statisticsAsStrings() : List.of();
        List<String> extended = hasExtended ? request.extendedStatistics() : List.of();
        checkStatistics(statistics, extended);
        String unit = request.unit() == null ? null : MetricDataValidation.unit(request.unitAsString(), "Unit");
        MetricKey key = MetricKey.of(request.namespace(), request.metricName(),
                MetricDataValidation.dimensions(request.dimensions(), "", request.hasDimensions()));
        Instant now = clock.instant();
        Instant start = Statistics.roundStart(request.startTime(), period, now);
        Instant end = request.endTime();
        if (!end.isAfter(request.startTime())) {
            throw CloudWatchErrors.invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        long requested = (Duration.between(start, end).toSeconds() + period - 1) / period;
        if (requested > MAX_DATAPOINTS) {
            throw CloudWatchErrors.combination("You have requested up to " + requested + " datapoints, which "
                    + "exceeds the limit of " + MAX_DATAPOINTS + ". You may reduce the datapoints requested by "
                    + "increasing Period, or decreasing the time range.");
        }
        List<Datapoint> datapoints = new ArrayList<>();
        // Oldest first: CloudWatch promises no order, and chronological is the one readers expect.
        for (PeriodStatistics data : store.statisticsByUnit(key, start, end, Duration.ofSeconds(period), unit)) {
            datapoints.add(datapoint(data, statistics, extended));
        }
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    private static void checkStatistics(List<String> statistics, List<String> extended) {
        if (statistics.size() > 5) {
            throw CloudWatchErrors.tooMany("Statistics", 5);
        }
        if (extended.size() > 10) {
            throw CloudWatchErrors.tooMany("ExtendedStatistics", 10);
        }
        for (int i = 0; i < statistics.size(); i++) {
            if (!Statistics.STANDARD.contains(statistics.get(i))) {
                throw CloudWatchErrors.invalidValue("Statistics.member." + (i + 1), statistics.get(i));
            }
        }
        for (int i = 0; i < extended.size(); i++) {
            if (Percentiles.parse(extended.get(i)).isEmpty()) {
                throw CloudWatchErrors.invalid("The value " + extended.get(i) + " for parameter ExtendedStatistics"
                        + ".member." + (i + 1) + " is invalid: a percentile is written p0.0 to p100.");
            }
        }
    }

    private static Datapoint datapoint(PeriodStatistics data, List<String> statistics, List<String> extended) {
        Datapoint.Builder point = Datapoint.builder().timestamp(data.start()).unit(data.unit());
        for (String statistic : statistics) {
            double value = Statistics.value(data, statistic).orElseThrow();
            switch (statistic) {
                case "SampleCount" -> point.sampleCount(value);
                case "Average" -> point.average(value);
                case "Sum" -> point.sum(value);
                case "Minimum" -> point.minimum(value);
                default -> point.maximum(value);
            }
        }
        if (!extended.isEmpty()) {
            Map<String, Double> percentiles = new LinkedHashMap<>();
            for (String percentile : extended) {
                OptionalDouble value = Statistics.value(data, percentile);
                if (value.isPresent()) {
                    percentiles.put(percentile, value.getAsDouble());
                }
            }
            point.extendedStatistics(percentiles);
        }
        return point.build();
    }

    ListMetricsResponse listMetrics(ListMetricsRequest request) {
        Instant now = clock.instant();
        if (request.namespace() != null) {
            MetricDataValidation.checkNamespace(request.namespace(), "Namespace");
        }
        Instant activeSince = now.minus(LISTED_FOR);
        if (request.recentlyActive() != null) {
            if (!"PT3H".equals(request.recentlyActiveAsString())) {
                throw CloudWatchErrors.invalidValue("RecentlyActive", request.recentlyActiveAsString());
            }
            activeSince = now.minus(RECENTLY_ACTIVE);
        }
        List<DimensionFilter> filters = request.hasDimensions() ? request.dimensions() : List.of();
        if (filters.size() > 10) {
            throw CloudWatchErrors.tooMany("Dimensions", 10);
        }
        for (int i = 0; i < filters.size(); i++) {
            CloudWatchErrors.require(filters.get(i).name(), "Dimensions.member." + (i + 1) + ".Name");
        }
        long offset = PageTokens.offset("ListMetrics", request.nextToken());
        List<MetricKey> matching = store.metrics(request.namespace(), request.metricName(), activeSince).stream()
                .filter(metric -> matches(metric, filters)).toList();
        List<Metric> page = matching.stream().skip(offset).limit(LIST_PAGE).map(MetricOperations::metric).toList();
        ListMetricsResponse.Builder response = ListMetricsResponse.builder().metrics(page);
        if (offset + page.size() < matching.size()) {
            response.nextToken(PageTokens.token("ListMetrics", offset + page.size()));
        }
        return response.build();
    }

    private static boolean matches(MetricKey metric, List<DimensionFilter> filters) {
        for (DimensionFilter filter : filters) {
            String value = metric.dimensions().get(filter.name());
            if (value == null || (filter.value() != null && !filter.value().equals(value))) {
                return false;
            }
        }
        return true;
    }

    static Metric metric(MetricKey key) {
        List<Dimension> dimensions = key.dimensions().entrySet().stream()
                .map(entry -> Dimension.builder().name(entry.getKey()).value(entry.getValue()).build()).toList();
        return Metric.builder().namespace(key.namespace()).metricName(key.metricName()).dimensions(dimensions)
                .build();
    }
}
