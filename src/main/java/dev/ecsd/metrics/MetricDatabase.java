package dev.ecsd.metrics;

import dev.ecsd.sqlite.SqliteFile;
import java.nio.file.Path;
import java.util.List;

/** The SQLite file behind the metric store: its schema. {@link SqliteFile} says how it is written and read. */
final class MetricDatabase {
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS metrics ("
                    + "id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, metric_name TEXT NOT NULL, "
                    + "dimensions TEXT NOT NULL, last_put INTEGER NOT NULL, "
                    + "UNIQUE (namespace, metric_name, dimensions))",
            // vals: the ValueHistogram of the bucket's raw values; null once a datum came as a statistic set only.
            "CREATE TABLE IF NOT EXISTS datapoints ("
                    + "metric_id INTEGER NOT NULL, resolution INTEGER NOT NULL, bucket_start INTEGER NOT NULL, "
                    + "unit TEXT NOT NULL, sample_count REAL NOT NULL, sum REAL NOT NULL, minimum REAL NOT NULL, "
                    + "maximum REAL NOT NULL, vals BLOB, "
                    + "PRIMARY KEY (metric_id, resolution, bucket_start, unit)) WITHOUT ROWID",
            // The rollup sweep finds the oldest buckets of a tier across all metrics.
            "CREATE INDEX IF NOT EXISTS datapoints_by_age ON datapoints (resolution, bucket_start)");

    private MetricDatabase() {
    }

    static SqliteFile open(Path file) {
        return SqliteFile.open(file, "metric", SCHEMA);
    }
}
