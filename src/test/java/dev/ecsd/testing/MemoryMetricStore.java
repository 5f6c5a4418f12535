package dev.ecsd.testing;

import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link MetricStore} in memory for tests: it keeps every datum as put and answers statistics by merging the
 * data of each period (no rollups, no retention, no percentiles). Thread-safe.
 */
public final class MemoryMetricStore implements MetricStore {
    private final List<MetricDatum> data = new ArrayList<>();

    @Override
    public synchronized void put(List<MetricDatum> batch) {
        data.addAll(batch);
    }

    /** Every datum put, in order. */
    public synchronized List<MetricDatum> data() {
        return List.copyOf(data);
    }

    /** The data put for one metric, in order. */
    public synchronized List<MetricDatum> data(String namespace, String metricName, Map<String, String> dimensions) {
        MetricKey key = MetricKey.of(namespace, metricName, dimensions);
        return data.stream().filter(d -> d.key().equals(key)).toList();
    }

    @Override
    public synchronized List<PeriodStatistics> statistics(MetricKey key, Instant start, Instant end, Duration period,
            String unit) {
        TreeMap<Instant, double[]> periods = new TreeMap<>();
        TreeMap<Instant, String> units = new TreeMap<>();
        for (MetricDatum datum : data) {
            if (!datum.key().equals(key) || datum.timestamp().isBefore(start) || !datum.timestamp().isBefore(end)
                    || (unit != null && !unit.equals(datum.unit()))) {
                continue;
            }
            long index = Duration.between(start, datum.timestamp()).toMillis() / period.toMillis();
            Instant periodStart = start.plus(period.multipliedBy(index));
            units.put(periodStart, datum.unit());
            periods.merge(periodStart, new double[] {datum.sampleCount(), datum.sum(), datum.minimum(), datum.maximum()},
                    (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], Math.min(a[2], b[2]), Math.max(a[3], b[3])});
        }
        List<PeriodStatistics> statistics = new ArrayList<>();
        periods.forEach((at, s) -> statistics.add(new PeriodStatistics(at, units.get(at), s[0], s[1], s[2], s[3],
                new double[0])));
        return statistics;
    }

    @Override
    public synchronized List<MetricKey> metrics(String namespace, String metricName, Instant activeSince) {
        return data.stream()
                .filter(d -> namespace == null || namespace.equals(d.key().namespace()))
                .filter(d -> metricName == null || metricName.equals(d.key().metricName()))
                .filter(d -> activeSince == null || !d.timestamp().isBefore(activeSince))
                .map(MetricDatum::key).filter(Objects::nonNull).distinct().toList();
    }
}
