package dev.ecsd.logs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The SQL of log groups and their tags. */
final class LogGroupTable {
    private LogGroupTable() {
    }

    static Optional<Long> id(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM log_groups WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    static long require(Connection connection, String name) throws SQLException {
        return id(connection, name).orElseThrow(LogGroupTable::notFound);
    }

    static ApiException notFound() {
        return new ApiException(ErrorType.RESOURCE_NOT_FOUND, "The specified log group does not exist.");
    }

    static long insert(Connection connection, String name, long creationTime, boolean deletionProtectionEnabled)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_groups "
                + "(name, creation_time, deletion_protection) VALUES (?, ?, ?) RETURNING id")) {
            insert.setString(1, name);
            insert.setLong(2, creationTime);
            insert.setBoolean(3, deletionProtectionEnabled);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The groups whose names pass the test, in order of name, with their tags and stored bytes. */
    static List<LogGroup> list(Connection connection, Predicate<String> names) throws SQLException {
        return select(connection, null, names);
    }

    /** One group by name, read with its own rows only. */
    static Optional<LogGroup> find(Connection connection, String name) throws SQLException {
        return select(connection, name, n -> true).stream().findFirst();
    }

    /** Groups named {@code name} (all when null) whose names pass the test. */
    private static List<LogGroup> select(Connection connection, String name, Predicate<String> names)
            throws SQLException {
        Map<Long, Map<String, String>> tags = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT t.group_id, t.key, t.value "
                + "FROM log_group_tags t JOIN log_groups g ON g.id = t.group_id WHERE ?1 IS NULL OR g.name = ?1")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tags.computeIfAbsent(rows.getLong(1), id -> new TreeMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        List<LogGroup> groups = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT g.id, g.name, g.creation_time, "
                + "g.retention_days, g.deletion_protection, (SELECT COALESCE(SUM(s.stored_bytes), 0) FROM log_streams s "
                + "WHERE s.group_id = g.id) FROM log_groups g WHERE ?1 IS NULL OR g.name = ?1 ORDER BY g.name")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (names.test(rows.getString(2))) {
                        int retention = rows.getInt(4);
                        Integer retentionInDays = rows.wasNull() ? null : retention;
                        groups.add(new LogGroup(rows.getString(2), rows.getLong(3), retentionInDays, rows.getLong(6),
                                tags.getOrDefault(rows.getLong(1), Map.of()), rows.getBoolean(5)));
                    }
                }
            }
        }
        return groups;
    }

    /** Groups that keep their events for a limited time: id and retention in days. */
    static Map<Long, Integer> retentions(Connection connection) throws SQLException {
        Map<Long, Integer> retentions = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT id, retention_days FROM log_groups WHERE retention_days IS NOT NULL")) {
            while (rows.next()) {
                retentions.put(rows.getLong(1), rows.getInt(2));
            }
        }
        return retentions;
    }

    static boolean deletionProtected(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT deletion_protection FROM log_groups WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** Deletes the group row, its streams and its tags; its events are the event table's to delete. */
    static void delete(Connection connection, long id) throws SQLException {
        for (String sql : List.of("DELETE FROM log_streams WHERE group_id = ?",
                "DELETE FROM log_group_tags WHERE group_id = ?", "DELETE FROM log_groups WHERE id = ?")) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
        }
    }

    static void setRetention(Connection connection, long id, Integer days) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE log_groups SET retention_days = ? WHERE id = ?")) {
            update.setObject(1, days);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    static void setDeletionProtection(Connection connection, long id, boolean enabled) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE log_groups SET deletion_protection = ? WHERE id = ?")) {
            update.setBoolean(1, enabled);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    static void putTags(Connection connection, long id, Map<String, String> tags) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO log_group_tags (group_id, key, value) "
                + "VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value")) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                upsert.setLong(1, id);
                upsert.setString(2, tag.getKey());
                upsert.setString(3, tag.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    static void removeTags(Connection connection, long id, Collection<String> keys) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM log_group_tags WHERE group_id = ? AND key = ?")) {
            for (String key : keys) {
                delete.setLong(1, id);
                delete.setString(2, key);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
