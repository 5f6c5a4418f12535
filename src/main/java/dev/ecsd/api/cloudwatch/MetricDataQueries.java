package dev.ecsd.api.cloudwatch;

import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * GetMetricData over MetricStat queries: each query's values per period, newest first unless ScanBy says
 * otherwise, paged by MaxDatapoints across all queries in their order. Metric math is not evaluated here: an
 * expression query answers a result with a message saying so, and the other queries are answered as usual.
 */
final class MetricDataQueries {
    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    private final MetricStore store;
    private final InstantSource clock;

    MetricDataQueries(MetricStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One query's answer before paging. */
    private record Series(MetricDataQuery query, String label, List<Instant> timestamps, List<Double> values,
            List<MessageData> messages) {
    }

    GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        if (!request.hasMetricDataQueries() || request.metricDataQueries().isEmpty()) {
            throw CloudWatchErrors.missing("MetricDataQueries");
        }
        if (request.metricDataQueries().size() > MAX_QUERIES) {
            throw CloudWatchErrors.tooMany("MetricDataQueries", MAX_QUERIES);
        }
        CloudWatchErrors.require(request.startTime(), "StartTime");
        CloudWatchErrors.require(request.endTime(), "EndTime");
        if (!request.endTime().isAfter(request.startTime())) {
            throw CloudWatchErrors.invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        String scanBy = request.scanBy() == null ? ScanBy.TIMESTAMP_DESCENDING.toString()
                : request.scanByAsString();
        if (!scanBy.equals(ScanBy.TIMESTAMP_DESCENDING.toString())
                && !scanBy.equals(ScanBy.TIMESTAMP_ASCENDING.toString())) {
            throw CloudWatchErrors.invalidValue("ScanBy", scanBy);
        }
        int maxDatapoints = request.maxDatapoints() == null ? DEFAULT_MAX_DATAPOINTS : request.maxDatapoints();
        if (maxDatapoints < 1) {
            throw CloudWatchErrors.invalidValue("MaxDatapoints", maxDatapoints);
        }
        long offset = PageTokens.offset("GetMetricData", request.nextToken());
        Instant now = clock.instant();
        Set<String> ids = new HashSet<>();
        List<Series> answered = new ArrayList<>();
        for (int i = 0; i < request.metricDataQueries().size(); i++) {
            MetricDataQuery query = request.metricDataQueries().get(i);
            String path = "MetricDataQueries.member." + (i + 1);
            CloudWatchErrors.require(query.id(), path + ".Id");
            if (!ID.matcher(query.id()).matches() || query.id().length() > 255) {
                throw CloudWatchErrors.invalid("The value " + query.id() + " for parameter " + path + ".Id is "
                        + "invalid: an Id starts with a lowercase letter and holds only letters, digits and _.");
            }
            if (!ids.add(query.id())) {
                throw CloudWatchErrors.invalid("The values of " + "MetricDataQueries Id must be unique: "
                        + query.id() + " is used twice.");
            }
            if ((query.metricStat() == null) == (query.expression() == null)) {
                throw CloudWatchErrors.combination("Exactly one of MetricStat and Expression must be specified in "
                        + path + ".");
            }
            Series series = query.metricStat() != null
                    ? metricStat(query, path, request.startTime(), request.endTime(), now)
                    : new Series(query, query.label() == null ? query.id() : query.label(), List.of(), List.of(),
                            List.of(MessageData.builder().code("UnsupportedExpression").value("ecsd does not "
                                    + "evaluate metric math expressions; only MetricStat queries return data.")
                                    .build()));
            if (query.returnData() == null || query.returnData()) {
                answered.add(series);
            }
        }
        return page(answered, scanBy.equals(ScanBy.TIMESTAMP_DESCENDING.toString()), offset, maxDatapoints);
    }

    private Series metricStat(MetricDataQuery query, String path, Instant startTime, Instant endTime, Instant now) {
        MetricStat stat = query.metricStat();
        String statPath = path + ".MetricStat";
        CloudWatchErrors.require(stat.metric(), statPath + ".Metric");
        CloudWatchErrors.require(stat.metric().namespace(), statPath + ".Metric.Namespace");
        CloudWatchErrors.require(stat.metric().metricName(), statPath + ".Metric.MetricName");
        CloudWatchErrors.require(stat.stat(), statPath + ".Stat");
        int period = Statistics.checkPeriod(stat.period() != null ? stat.period() : query.period(),
                statPath + ".Period");
        if (!Statistics.isKnown(stat.stat())) {
            throw CloudWatchErrors.invalidValue(statPath + ".Stat", stat.stat());
        }
        String unit = stat.unit() == null ? null : MetricDataValidation.unit(stat.unitAsString(), statPath + ".Unit");
        MetricKey key = MetricKey.of(stat.metric().namespace(), stat.metric().metricName(),
                MetricDataValidation.dimensions(stat.metric().dimensions(), statPath + ".Metric",
                        stat.metric().hasDimensions()));
        Instant start = Statistics.roundStart(startTime, period, now);
        // One value per timestamp: data of several units in a period are merged, as the store answers them.
        List<PeriodStatistics> periods = store.statistics(key, start, endTime, Duration.ofSeconds(period), unit);
        List<Instant> timestamps = new ArrayList<>(periods.size());
        List<Double> values = new ArrayList<>(periods.size());
        for (PeriodStatistics data : periods) {
            OptionalDouble value = Statistics.value(data, stat.stat());
            if (value.isPresent()) {
                timestamps.add(data.start());
                values.add(value.getAsDouble());
            }
        }
        String label = query.label() != null ? query.label() : stat.metric().metricName();
        return new Series(query, label, timestamps, values, List.of());
    }

    /** Datapoints {@code [offset, offset + max)} of all series laid end to end, in each series' scan order. */
    private static GetMetricDataResponse page(List<Series> answered, boolean descending, long offset, int max) {
        List<MetricDataResult> results = new ArrayList<>();
        long position = 0;
        long end = offset + max;
        long total = 0;
        for (Series series : answered) {
            int size = series.timestamps().size();
            total += size;
            int from = (int) Math.clamp(offset - position, 0, size);
            int to = (int) Math.clamp(end - position, 0, size);
            position += size;
            List<Instant> timestamps = new ArrayList<>(to - from);
            List<Double> values = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                int at = descending ? size - 1 - i : i;
                timestamps.add(series.timestamps().get(at));
                values.add(series.values().get(at));
            }
            results.add(MetricDataResult.builder().id(series.query().id()).label(series.label())
                    .timestamps(timestamps).values(values)
                    .statusCode(to < size ? StatusCode.PARTIAL_DATA
                            : series.messages().isEmpty() ? StatusCode.COMPLETE : StatusCode.INTERNAL_ERROR)
                    .messages(series.messages()).build());
        }
        GetMetricDataResponse.Builder response = GetMetricDataResponse.builder().metricDataResults(results)
                .messages(List.of());
        if (end < total) {
            response.nextToken(PageTokens.token("GetMetricData", end));
        }
        return response.build();
    }
}
