package dev.ecsd.metrics;

import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.List;

/**
 * Data for one metric at one time, as PutMetricData gives it: a statistic set, plus the raw values when the
 * caller sent values (percentiles can be computed only from those, as in CloudWatch).
 *
 * @param storageResolutionSeconds 1 (high resolution) or 60 (standard)
 * @param values                   each raw value once per count; empty when only a statistic set was sent
 */
public record MetricDatum(
        MetricKey key,
        Instant timestamp,
        String unit,
        int storageResolutionSeconds,
        double sampleCount,
        double sum,
        double minimum,
        double maximum,
        List<Double> values) {

    public MetricDatum {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** One value, at standard resolution. */
    public static MetricDatum value(MetricKey key, Instant timestamp, String unit, double value) {
        return new MetricDatum(key, timestamp, unit, 60, 1, value, value, value, List.of(value));
    }

    /** A statistic set, with no raw values. */
    public static MetricDatum statisticSet(MetricKey key, Instant timestamp, String unit, int storageResolutionSeconds,
            double sampleCount, double sum, double minimum, double maximum) {
        return new MetricDatum(key, timestamp, unit, storageResolutionSeconds, sampleCount, sum, minimum, maximum,
                List.of());
    }
}
