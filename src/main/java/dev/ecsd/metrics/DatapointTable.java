package dev.ecsd.metrics;

import dev.ecsd.sqlite.SqliteFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code datapoints} table: one bucket per (metric, resolution, bucket start, unit). Statements come from
 * {@link MetricDatabase#prepare}, which keeps them, so they are not closed here.
 */
final class DatapointTable {
    /** One stored bucket. */
    record Row(long metricId, int resolution, long bucketStart, String unit, BucketStatistics statistics) {
    }

    private static final String COLUMNS =
            "metric_id, resolution, bucket_start, unit, sample_count, sum, minimum, maximum, vals";

    private DatapointTable() {
    }

    /** Merges {@code statistics} into its bucket, creating it if there is none. */
    static void merge(Connection connection, long metricId, int resolution, long bucketStart, String unit,
            BucketStatistics statistics) throws SQLException {
        BucketStatistics merged = statistics;
        PreparedStatement select = SqliteFile.prepare(connection, "SELECT " + COLUMNS + " FROM datapoints "
                + "WHERE metric_id = ? AND resolution = ? AND bucket_start = ? AND unit = ?");
        select.setLong(1, metricId);
        select.setInt(2, resolution);
        select.setLong(3, bucketStart);
        select.setString(4, unit);
        try (ResultSet row = select.executeQuery()) {
            if (row.next()) {
                merged = read(row).statistics();
                merged.merge(statistics);
            }
        }
        PreparedStatement upsert = SqliteFile.prepare(connection,
                "INSERT OR REPLACE INTO datapoints (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        upsert.setLong(1, metricId);
        upsert.setInt(2, resolution);
        upsert.setLong(3, bucketStart);
        upsert.setString(4, unit);
        upsert.setDouble(5, merged.sampleCount);
        upsert.setDouble(6, merged.sum);
        upsert.setDouble(7, merged.minimum);
        upsert.setDouble(8, merged.maximum);
        upsert.setBytes(9, merged.values == null ? null : merged.values.encode());
        upsert.executeUpdate();
    }

    /** The metric's buckets of every resolution starting in {@code [start, end)}, of {@code unit} if not null. */
    static List<Row> range(Connection connection, long metricId, long start, long end, String unit)
            throws SQLException {
        // The IN list lets SQLite walk the primary key once per resolution instead of scanning the metric.
        PreparedStatement select = SqliteFile.prepare(connection, "SELECT " + COLUMNS + " FROM datapoints "
                + "WHERE metric_id = ?1 AND resolution IN (1, 60, 300, 3600) AND bucket_start >= ?2 "
                + "AND bucket_start < ?3 AND (?4 IS NULL OR unit = ?4)");
        select.setLong(1, metricId);
        select.setLong(2, start);
        select.setLong(3, end);
        select.setString(4, unit);
        return rows(select);
    }

    /** At most {@code limit} of the oldest buckets of a resolution that start before {@code before}. */
    static List<Row> olderThan(Connection connection, int resolution, long before, int limit) throws SQLException {
        PreparedStatement select = SqliteFile.prepare(connection, "SELECT " + COLUMNS + " FROM datapoints "
                + "WHERE resolution = ? AND bucket_start < ? ORDER BY bucket_start LIMIT ?");
        select.setInt(1, resolution);
        select.setLong(2, before);
        select.setInt(3, limit);
        return rows(select);
    }

    static void delete(Connection connection, List<Row> rows) throws SQLException {
        PreparedStatement delete = SqliteFile.prepare(connection, "DELETE FROM datapoints "
                + "WHERE metric_id = ? AND resolution = ? AND bucket_start = ? AND unit = ?");
        for (Row row : rows) {
            delete.setLong(1, row.metricId());
            delete.setInt(2, row.resolution());
            delete.setLong(3, row.bucketStart());
            delete.setString(4, row.unit());
            delete.executeUpdate();
        }
    }

    private static List<Row> rows(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(read(result));
            }
        }
        return rows;
    }

    private static Row read(ResultSet row) throws SQLException {
        byte[] values = row.getBytes(9);
        BucketStatistics statistics = new BucketStatistics(row.getDouble(5), row.getDouble(6), row.getDouble(7),
                row.getDouble(8), values == null ? null : ValueHistogram.decode(values));
        return new Row(row.getLong(1), row.getInt(2), row.getLong(3), row.getString(4), statistics);
    }
}
