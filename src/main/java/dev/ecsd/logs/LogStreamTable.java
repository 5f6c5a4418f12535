package dev.ecsd.logs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of log streams. */
final class LogStreamTable {
    private static final String COLUMNS = "id, group_id, name, creation_time, first_event_timestamp, "
            + "last_event_timestamp, last_ingestion_time, upload_sequence, stored_bytes";

    private LogStreamTable() {
    }

    /** A stream with the row ids the event table needs. */
    record Row(long id, long groupId, LogStream stream) {
    }

    static Optional<Row> find(Connection connection, long groupId, String group, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM log_streams WHERE group_id = ? AND name = ?")) {
            query.setLong(1, groupId);
            query.setString(2, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(row(rows, group)) : Optional.empty();
            }
        }
    }

    /** The stream, or a ResourceNotFoundException naming whichever of the group or the stream is missing. */
    static Row require(Connection connection, String group, String name) throws SQLException {
        long groupId = LogGroupTable.require(connection, group);
        return find(connection, groupId, group, name).orElseThrow(() -> new ApiException(
                ErrorType.RESOURCE_NOT_FOUND, "The specified log stream does not exist."));
    }

    static List<LogStream> list(Connection connection, long groupId, String group) throws SQLException {
        List<LogStream> streams = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM log_streams WHERE group_id = ? ORDER BY name")) {
            query.setLong(1, groupId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    streams.add(row(rows, group).stream());
                }
            }
        }
        return streams;
    }

    /** The names of a group's streams, by row id. */
    static Map<Long, String> names(Connection connection, long groupId) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name FROM log_streams WHERE group_id = ?")) {
            query.setLong(1, groupId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return names;
    }

    static void insert(Connection connection, long groupId, String name, long creationTime) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO log_streams (group_id, name, creation_time) VALUES (?, ?, ?)")) {
            insert.setLong(1, groupId);
            insert.setString(2, name);
            insert.setLong(3, creationTime);
            insert.executeUpdate();
        }
    }

    static void delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM log_streams WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }

    /** Records an append in the stream's first and last event timestamps, ingestion time, sequence and bytes. */
    static void recordAppend(Connection connection, long id, LogEventTable.Appended appended, long ingestionTime)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE log_streams SET "
                + "first_event_timestamp = min(coalesce(first_event_timestamp, ?1), ?1), "
                + "last_event_timestamp = max(coalesce(last_event_timestamp, ?2), ?2), "
                + "last_ingestion_time = ?3, upload_sequence = upload_sequence + 1, "
                + "stored_bytes = stored_bytes + ?4 WHERE id = ?5")) {
            update.setLong(1, appended.firstTimestamp());
            update.setLong(2, appended.lastTimestamp());
            update.setLong(3, ingestionTime);
            update.setLong(4, appended.bytes());
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    private static Row row(ResultSet rows, String group) throws SQLException {
        LogStream stream = new LogStream(group, rows.getString(3), rows.getLong(4), nullableLong(rows, 5),
                nullableLong(rows, 6), nullableLong(rows, 7), rows.getLong(8), rows.getLong(9));
        return new Row(rows.getLong(1), rows.getLong(2), stream);
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
