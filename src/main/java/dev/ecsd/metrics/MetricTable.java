package dev.ecsd.metrics;

import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.sqlite.SqliteFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code metrics} table: one row per metric (namespace, name, dimensions), with when it last received data.
 * Statements come from {@link MetricDatabase#prepare}, which keeps them, so they are not closed here.
 */
final class MetricTable {
    private MetricTable() {
    }

    static Optional<Long> id(Connection connection, MetricKey key) throws SQLException {
        PreparedStatement select = SqliteFile.prepare(connection,
                "SELECT id FROM metrics WHERE namespace = ? AND metric_name = ? AND dimensions = ?");
        select.setString(1, key.namespace());
        select.setString(2, key.metricName());
        select.setString(3, encode(key.dimensions()));
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
        }
    }

    static long insert(Connection connection, MetricKey key, long now) throws SQLException {
        PreparedStatement insert = SqliteFile.prepare(connection,
                "INSERT INTO metrics (namespace, metric_name, dimensions, last_put) VALUES (?, ?, ?, ?) RETURNING id");
        insert.setString(1, key.namespace());
        insert.setString(2, key.metricName());
        insert.setString(3, encode(key.dimensions()));
        insert.setLong(4, now);
        try (ResultSet row = insert.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static void touch(Connection connection, long id, long now) throws SQLException {
        PreparedStatement update = SqliteFile.prepare(connection,
                "UPDATE metrics SET last_put = ? WHERE id = ? AND last_put < ?");
        update.setLong(1, now);
        update.setLong(2, id);
        update.setLong(3, now);
        update.executeUpdate();
    }

    /** The metrics that received data since {@code activeSince}, ordered by namespace, name and dimensions. */
    static List<MetricKey> list(Connection connection, String namespace, String metricName, long activeSince)
            throws SQLException {
        List<MetricKey> keys = new ArrayList<>();
        PreparedStatement select = SqliteFile.prepare(connection,
                "SELECT namespace, metric_name, dimensions FROM metrics WHERE (?1 IS NULL OR namespace = ?1) "
                        + "AND (?2 IS NULL OR metric_name = ?2) AND last_put >= ?3 "
                        + "ORDER BY namespace, metric_name, dimensions");
        select.setString(1, namespace);
        select.setString(2, metricName);
        select.setLong(3, activeSince);
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.add(MetricKey.of(rows.getString(1), rows.getString(2), decode(rows.getString(3))));
            }
        }
        return keys;
    }

    /** Deletes the metrics that have no data left and received none since {@code before}; answers their ids. */
    static List<Long> deleteEmpty(Connection connection, long before) throws SQLException {
        List<Long> ids = new ArrayList<>();
        PreparedStatement select = SqliteFile.prepare(connection,
                "SELECT id FROM metrics WHERE last_put < ? AND NOT EXISTS "
                        + "(SELECT 1 FROM datapoints WHERE metric_id = metrics.id)");
        select.setLong(1, before);
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        PreparedStatement delete = SqliteFile.prepare(connection, "DELETE FROM metrics WHERE id = ?");
        for (long id : ids) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        return ids;
    }

    /** Dimensions (sorted by name) as {@code <length>:<name><length>:<value>...}: unambiguous whatever they hold. */
    static String encode(Map<String, String> dimensions) {
        StringBuilder encoded = new StringBuilder();
        dimensions.forEach((name, value) -> encoded.append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
        return encoded.toString();
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        int at = 0;
        while (at < encoded.length()) {
            int nameColon = encoded.indexOf(':', at);
            int nameLength = Integer.parseInt(encoded.substring(at, nameColon));
            String name = encoded.substring(nameColon + 1, nameColon + 1 + nameLength);
            at = nameColon + 1 + nameLength;
            int valueColon = encoded.indexOf(':', at);
            int valueLength = Integer.parseInt(encoded.substring(at, valueColon));
            String value = encoded.substring(valueColon + 1, valueColon + 1 + valueLength);
            at = valueColon + 1 + valueLength;
            dimensions.put(name, value);
        }
        return dimensions;
    }
}
