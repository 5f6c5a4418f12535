package dev.ecsd.testing;

import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MetricStore} in memory for tests of what writes metrics (the publishers) and what reads them (alarm
 * evaluation): every datum kept as put, statistics merged per period; no rollups, no expiry. Thread-safe.
 */
public final class MemoryMetricStore implements MetricStore {
    private final Map<MetricKey, List<MetricDatum>> data = new ConcurrentHashMap<>();
    private final List<MetricDatum> inOrder = new CopyOnWriteArrayList<>();

    @Override
    public void put(List<MetricDatum> datums) {
        for (MetricDatum datum : datums) {
            data.computeIfAbsent(datum.key(), k -> new CopyOnWriteArrayList<>()).add(datum);
            inOrder.add(datum);
        }
    }

    /** Every datum put, in order. */
    public List<MetricDatum> data() {
        return List.copyOf(inOrder);
    }

    /** The data put for one metric, in order. */
    public List<MetricDatum> data(String namespace, String metricName, Map<String, String> dimensions) {
        return List.copyOf(data.getOrDefault(MetricKey.of(namespace, metricName, dimensions), List.of()));
    }

    /** Puts one value at standard resolution. */
    public void put(MetricKey key, Instant timestamp, double value) {
        put(List.of(MetricDatum.value(key, timestamp, null, value)));
    }

    @Override
    public List<PeriodStatistics> statistics(MetricKey key, Instant start, Instant end, Duration period, String unit) {
        long periodMillis = period.toMillis();
        TreeMap<Long, List<MetricDatum>> buckets = new TreeMap<>();
        for (MetricDatum datum : data.getOrDefault(key, List.of())) {
            if (datum.timestamp().isBefore(start) || !datum.timestamp().isBefore(end)
                    || unit != null && !unit.equals(datum.unit())) {
                continue;
            }
            long bucket = (datum.timestamp().toEpochMilli() - start.toEpochMilli()) / periodMillis;
            buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(datum);
        }
        List<PeriodStatistics> result = new ArrayList<>();
        buckets.forEach((bucket, datums) -> {
            double count = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            List<Double> values = new ArrayList<>();
            boolean allValues = true;
            for (MetricDatum datum : datums) {
                count += datum.sampleCount();
                sum += datum.sum();
                min = Math.min(min, datum.minimum());
                max = Math.max(max, datum.maximum());
                allValues &= !datum.values().isEmpty();
                values.addAll(datum.values());
            }
            double[] sorted = allValues ? values.stream().mapToDouble(Double::doubleValue).toArray() : new double[0];
            Arrays.sort(sorted);
            result.add(new PeriodStatistics(start.plusMillis(bucket * periodMillis), datums.getFirst().unit(), count,
                    sum, min, max, sorted));
        });
        return result;
    }

    @Override
    public List<MetricKey> metrics(String namespace, String metricName, Instant activeSince) {
        return data.keySet().stream()
                .filter(key -> namespace == null || namespace.equals(key.namespace()))
                .filter(key -> metricName == null || metricName.equals(key.metricName()))
                .toList();
    }
}
