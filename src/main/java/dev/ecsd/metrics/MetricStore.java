package dev.ecsd.metrics;

import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where CloudWatch metric data is kept: put by PutMetricData and by ecsd's own publishers (AWS/ECS,
 * ECS/ContainerInsights, AWS/ApplicationELB), read by GetMetricStatistics, GetMetricData, ListMetrics and alarm
 * evaluation. Durable across restarts; data is rolled up and expired as CloudWatch does it.
 */
public interface MetricStore {

    /** Stores data; data for the same metric, time and unit is merged into one statistic set. */
    void put(List<MetricDatum> data);

    /**
     * The metric's data in {@code [start, end)}, one entry per {@code period} that has data (periods with none
     * are absent), oldest first; periods are aligned to {@code start}. {@code unit}, when not null, keeps only data
     * stored with that unit.
     */
    List<PeriodStatistics> statistics(MetricKey key, Instant start, Instant end, Duration period, String unit);

    /**
     * As {@link #statistics}, except that data of one period stored in different units are separate entries,
     * ordered by start and then unit: GetMetricStatistics without a Unit answers so.
     */
    default List<PeriodStatistics> statisticsByUnit(MetricKey key, Instant start, Instant end, Duration period,
            String unit) {
        return statistics(key, start, end, period, unit);
    }

    /** Every metric with data since {@code activeSince} (null for any), whose namespace and name match when given. */
    List<MetricKey> metrics(String namespace, String metricName, Instant activeSince);
}
