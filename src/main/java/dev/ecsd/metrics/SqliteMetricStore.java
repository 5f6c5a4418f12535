package dev.ecsd.metrics;

import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link MetricStore} in its own SQLite file ({@code metrics.db} in the data directory). Each datum is merged
 * into the bucket of its metric, resolution, time and unit as soon as it is put, in one transaction per call, so
 * an acknowledged put survives kill -9 (see {@link SqliteFile}). {@link #rollUp()} moves aged buckets to the
 * next coarser tier of {@link Resolutions} and expires the oldest.
 */
public final class SqliteMetricStore implements MetricStore, AutoCloseable {
    /** The unit of data put without one, as CloudWatch names it. */
    public static final String NO_UNIT = "None";
    private static final int ROLLUP_BATCH = 2_000;

    private final SqliteFile database;
    private final InstantSource clock;
    /** Ids of metrics known to be committed; written only by the writer, after its commit. */
    private final Map<MetricKey, Long> ids = new ConcurrentHashMap<>();
    /**
     * When each metric's {@code last_put} was last written. ListMetrics' RecentlyActive looks back three hours, so
     * the column is refreshed at most once a minute per metric rather than on every put.
     */
    private final Map<Long, Long> lastPutWritten = new ConcurrentHashMap<>();

    private SqliteMetricStore(SqliteFile database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
    }

    public static SqliteMetricStore open(Path file, InstantSource clock) {
        return new SqliteMetricStore(MetricDatabase.open(file), clock);
    }

    /** One bucket a put writes to. */
    private record BucketKey(MetricKey metric, int resolution, long bucketStart, String unit) {
    }

    @Override
    public void put(List<MetricDatum> data) {
        if (data.isEmpty()) {
            return;
        }
        long now = clock.millis();
        // Data of one call that falls in the same bucket is merged here first: one read and one write per bucket.
        Map<BucketKey, BucketStatistics> buckets = new LinkedHashMap<>();
        for (MetricDatum datum : data) {
            long timestamp = datum.timestamp().toEpochMilli();
            Optional<Resolutions.Tier> tier = Resolutions.tierFor(datum.storageResolutionSeconds(), timestamp, now);
            if (tier.isEmpty()) {
                continue;
            }
            String unit = datum.unit() == null ? NO_UNIT : datum.unit();
            BucketKey key = new BucketKey(datum.key(), tier.get().seconds(), tier.get().bucketStart(timestamp), unit);
            BucketStatistics statistics = BucketStatistics.of(datum);
            buckets.merge(key, statistics, (existing, added) -> {
                existing.merge(added);
                return existing;
            });
        }
        Map<MetricKey, Long> created = new HashMap<>();
        List<Long> touched = new ArrayList<>();
        database.write(connection -> {
            Map<MetricKey, Long> resolved = new HashMap<>();
            for (Map.Entry<BucketKey, BucketStatistics> bucket : buckets.entrySet()) {
                BucketKey key = bucket.getKey();
                Long id = resolved.get(key.metric());
                if (id == null) {
                    id = resolve(connection, key.metric(), now, created, touched);
                    resolved.put(key.metric(), id);
                }
                DatapointTable.merge(connection, id, key.resolution(), key.bucketStart(), key.unit(),
                        bucket.getValue());
            }
            return null;
        }, () -> {
            ids.putAll(created);
            created.values().forEach(id -> lastPutWritten.put(id, now));
            touched.forEach(id -> lastPutWritten.put(id, now));
        });
    }

    private long resolve(Connection connection, MetricKey metric, long now, Map<MetricKey, Long> created,
            List<Long> touched) throws SQLException {
        Long known = ids.get(metric);
        if (known == null) {
            Optional<Long> stored = MetricTable.id(connection, metric);
            if (stored.isPresent()) {
                known = stored.get();
                created.put(metric, known);
            } else {
                long id = MetricTable.insert(connection, metric, now);
                created.put(metric, id);
                return id;
            }
        }
        Long written = lastPutWritten.get(known);
        if (written == null || now - written >= 60_000) {
            MetricTable.touch(connection, known, now);
            touched.add(known);
        }
        return known;
    }

    /**
     * {@inheritDoc} Data of several units in one period (possible only when {@code unit} is null) are merged,
     * and the entry names the first of their units in alphabetical order.
     */
    @Override
    public List<PeriodStatistics> statistics(MetricKey key, Instant start, Instant end, Duration period,
            String unit) {
        return aggregate(key, start, end, period, unit, false);
    }

    @Override
    public List<PeriodStatistics> statisticsByUnit(MetricKey key, Instant start, Instant end, Duration period,
            String unit) {
        return aggregate(key, start, end, period, unit, true);
    }

    private List<PeriodStatistics> aggregate(MetricKey key, Instant start, Instant end, Duration period, String unit,
            boolean byUnit) {
        long startMillis = start.toEpochMilli();
        long periodMillis = period.toMillis();
        if (periodMillis <= 0 || !end.isAfter(start)) {
            return List.of();
        }
        List<DatapointTable.Row> rows = database.read(connection -> {
            Long id = ids.get(key);
            if (id == null) {
                Optional<Long> stored = MetricTable.id(connection, key);
                if (stored.isEmpty()) {
                    return List.of();
                }
                id = stored.get();
            }
            return DatapointTable.range(connection, id, startMillis, end.toEpochMilli(), unit);
        });
        // By period index, then unit (or, merged, the first unit seen in alphabetical order).
        TreeMap<Long, TreeMap<String, BucketStatistics>> periods = new TreeMap<>();
        for (DatapointTable.Row row : rows) {
            long index = Math.floorDiv(row.bucketStart() - startMillis, periodMillis);
            TreeMap<String, BucketStatistics> units = periods.computeIfAbsent(index, i -> new TreeMap<>());
            units.merge(row.unit(), row.statistics(), (existing, added) -> {
                existing.merge(added);
                return existing;
            });
        }
        List<PeriodStatistics> result = new ArrayList<>();
        periods.forEach((index, units) -> {
            Instant periodStart = Instant.ofEpochMilli(startMillis + index * periodMillis);
            if (byUnit || units.size() == 1) {
                units.forEach((periodUnit, statistics) -> result.add(entry(periodStart, periodUnit, statistics)));
            } else {
                BucketStatistics merged = new BucketStatistics();
                units.values().forEach(merged::merge);
                result.add(entry(periodStart, units.firstKey(), merged));
            }
        });
        return result;
    }

    private static PeriodStatistics entry(Instant start, String unit, BucketStatistics statistics) {
        return new PeriodStatistics(start, unit, statistics.sampleCount, statistics.sum, statistics.minimum,
                statistics.maximum, statistics.hasPercentiles()
                        ? statistics.values.sortedValues(Percentiles.SAMPLE_LIMIT) : new double[0]);
    }

    @Override
    public List<MetricKey> metrics(String namespace, String metricName, Instant activeSince) {
        long since = activeSince == null ? Long.MIN_VALUE : activeSince.toEpochMilli();
        return database.read(connection -> MetricTable.list(connection, namespace, metricName, since));
    }

    /**
     * Rolls buckets older than their tier keeps into the next tier and deletes those older than the last tier
     * keeps, in transactions of a bounded size so puts never wait long; answers how many buckets it moved or
     * deleted.
     */
    public int rollUp() {
        long now = clock.millis();
        int handled = 0;
        for (Resolutions.Tier tier : Resolutions.TIERS) {
            long cutoff = now - tier.keptFor().toMillis();
            Optional<Resolutions.Tier> next = Resolutions.next(tier);
            int batch;
            do {
                batch = database.write(connection -> {
                    List<DatapointTable.Row> rows =
                            DatapointTable.olderThan(connection, tier.seconds(), cutoff, ROLLUP_BATCH);
                    if (next.isPresent()) {
                        rollInto(connection, rows, next.get());
                    }
                    DatapointTable.delete(connection, rows);
                    return rows.size();
                });
                handled += batch;
            } while (batch == ROLLUP_BATCH);
        }
        long expired = now - Resolutions.TIERS.getLast().keptFor().toMillis();
        database.write(connection -> {
            List<Long> deleted = MetricTable.deleteEmpty(connection, expired);
            ids.values().removeAll(deleted);
            deleted.forEach(lastPutWritten::remove);
            return null;
        });
        return handled;
    }

    private record Target(long metricId, long bucketStart, String unit) {
    }

    private static void rollInto(Connection connection, List<DatapointTable.Row> rows, Resolutions.Tier next)
            throws SQLException {
        Map<Target, BucketStatistics> targets = new LinkedHashMap<>();
        for (DatapointTable.Row row : rows) {
            targets.merge(new Target(row.metricId(), next.bucketStart(row.bucketStart()), row.unit()),
                    row.statistics(), (existing, added) -> {
                        existing.merge(added);
                        return existing;
                    });
        }
        for (Map.Entry<Target, BucketStatistics> target : targets.entrySet()) {
            Target key = target.getKey();
            DatapointTable.merge(connection, key.metricId(), next.seconds(), key.bucketStart(), key.unit(),
                    target.getValue());
        }
    }

    /** Deletes every metric and its data: the metrics' part of POST /_ecsd/reset. */
    public void wipe() {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM datapoints");
                statement.executeUpdate("DELETE FROM metrics");
            }
            return null;
        }, () -> {
            ids.clear();
            lastPutWritten.clear();
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
