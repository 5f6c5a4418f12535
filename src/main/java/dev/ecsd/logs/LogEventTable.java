package dev.ecsd.logs;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The SQL of log events: appending, reading in (timestamp, id) order, filtering and expiring. */
final class LogEventTable {
    private static final String COLUMNS =
            "id, stream_id, timestamp, ingestion_time, message, length(CAST(message AS BLOB))";

    private LogEventTable() {
    }

    /** What an append added to a stream. */
    record Appended(long firstTimestamp, long lastTimestamp, long bytes) {
    }

    static Appended append(Connection connection, long groupId, long streamId, List<LogSink.Event> events,
            long ingestionTime) throws SQLException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long bytes = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_events "
                + "(group_id, stream_id, timestamp, ingestion_time, message) VALUES (?, ?, ?, ?, ?)")) {
            for (LogSink.Event event : events) {
                if (event.timestamp() < 0) {
                    throw new IllegalArgumentException("a log event's timestamp cannot be negative: " + event);
                }
                insert.setLong(1, groupId);
                insert.setLong(2, streamId);
                insert.setLong(3, event.timestamp());
                insert.setLong(4, ingestionTime);
                insert.setString(5, event.message());
                insert.addBatch();
                first = Math.min(first, event.timestamp());
                last = Math.max(last, event.timestamp());
                bytes += event.message().getBytes(StandardCharsets.UTF_8).length;
            }
            insert.executeBatch();
        }
        return new Appended(first, last, bytes);
    }

    /**
     * Events of one stream strictly after {@code boundary} (forward) or strictly before it (backward), nearest to
     * the boundary first, returned in ascending order. A null boundary reads from the oldest or the newest event.
     */
    static EventPage readStream(Connection connection, long streamId, String streamName, TimeRange range,
            EventPosition boundary, boolean forward, int limit, long maxBytes) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM log_events WHERE stream_id = ? AND timestamp >= ? AND timestamp < ? "
                + (forward ? "AND (timestamp, id) > (?, ?) ORDER BY timestamp, id"
                        : "AND (timestamp, id) < (?, ?) ORDER BY timestamp DESC, id DESC")
                + " LIMIT ?";
        EventPosition from = boundary != null ? boundary
                : forward ? EventPosition.START : new EventPosition(Long.MAX_VALUE, Long.MAX_VALUE);
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, streamId);
            query.setLong(2, range.start());
            query.setLong(3, range.end());
            query.setLong(4, from.timestamp());
            query.setLong(5, from.id());
            query.setInt(6, limit + 1);
            EventPage page = collect(query, Map.of(streamId, streamName), limit, maxBytes);
            if (!forward) {
                List<StoredEvent> ascending = new ArrayList<>(page.events());
                Collections.reverse(ascending);
                return new EventPage(ascending, page.more());
            }
            return page;
        }
    }

    /**
     * Events of a group in (timestamp, id) order after {@code after}, whose messages match the pattern, from the
     * streams selected (all of them when {@code selected} is null). {@code streamNames} names every stream by id.
     */
    static EventPage filter(Connection connection, long groupId, Map<Long, String> streamNames,
            Collection<Long> selected, TimeRange range, FilterPattern pattern, EventPosition after, int limit,
            long maxBytes) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM log_events WHERE group_id = ? AND timestamp >= ? AND timestamp < ? AND (timestamp, id) > (?, ?)");
        EventPosition from = after == null ? EventPosition.START : after;
        List<Object> parameters = new ArrayList<>(List.of(groupId, range.start(), range.end(), from.timestamp(),
                from.id()));
        if (selected != null) {
            sql.append(" AND stream_id IN ").append(placeholders(selected.size()));
            parameters.addAll(selected);
        }
        for (String term : pattern.required()) {
            sql.append(" AND instr(message, ?) > 0");
            parameters.add(term);
        }
        for (String term : pattern.excluded()) {
            sql.append(" AND instr(message, ?) = 0");
            parameters.add(term);
        }
        if (!pattern.anyOf().isEmpty()) {
            StringJoiner alternatives = new StringJoiner(" OR ", " AND (", ")");
            for (String term : pattern.anyOf()) {
                alternatives.add("instr(message, ?) > 0");
                parameters.add(term);
            }
            sql.append(alternatives);
        }
        sql.append(" ORDER BY timestamp, id LIMIT ?");
        parameters.add(limit + 1);
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            return collect(query, streamNames, limit, maxBytes);
        }
    }

    /**
     * Deletes up to {@code batch} events of a group older than {@code cutoff}, taking their bytes off their
     * streams. Returns how many it deleted.
     */
    static int expire(Connection connection, long groupId, long cutoff, int batch) throws SQLException {
        List<Long> ids = new ArrayList<>();
        Map<Long, Long> bytesByStream = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, stream_id, "
                + "length(CAST(message AS BLOB)) FROM log_events WHERE group_id = ? AND timestamp < ? LIMIT ?")) {
            select.setLong(1, groupId);
            select.setLong(2, cutoff);
            select.setInt(3, batch);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    bytesByStream.merge(rows.getLong(2), rows.getLong(3), Long::sum);
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM log_events WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE log_streams SET stored_bytes = max(0, stored_bytes - ?) WHERE id = ?")) {
            for (Map.Entry<Long, Long> entry : bytesByStream.entrySet()) {
                update.setLong(1, entry.getValue());
                update.setLong(2, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        return ids.size();
    }

    static void deleteStream(Connection connection, long streamId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM log_events WHERE stream_id = ?")) {
            delete.setLong(1, streamId);
            delete.executeUpdate();
        }
    }

    static void deleteGroup(Connection connection, long groupId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM log_events WHERE group_id = ?")) {
            delete.setLong(1, groupId);
            delete.executeUpdate();
        }
    }

    /** Reads rows until {@code limit} events or {@code maxBytes} of them, always at least one. */
    private static EventPage collect(PreparedStatement query, Map<Long, String> streamNames, int limit,
            long maxBytes) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        long bytes = 0;
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long size = rows.getLong(6) + StoredEvent.OVERHEAD_BYTES;
                if (events.size() == limit || (!events.isEmpty() && bytes + size > maxBytes)) {
                    return new EventPage(events, true);
                }
                bytes += size;
                events.add(new StoredEvent(rows.getLong(1), streamNames.get(rows.getLong(2)), rows.getLong(3),
                        rows.getLong(4), rows.getString(5)));
            }
        }
        return new EventPage(events, false);
    }

    private static String placeholders(int count) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < count; i++) {
            joiner.add("?");
        }
        return joiner.toString();
    }
}
