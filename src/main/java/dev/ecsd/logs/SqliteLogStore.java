package dev.ecsd.logs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable home of CloudWatch Logs data (groups, streams and their events) in its own SQLite file, apart from
 * the state database because log traffic is of another volume. It is what the Logs API reads and writes, and the
 * {@link LogSink} the agent ships container output to. Errors a caller can cause are {@link ApiException}s in
 * CloudWatch Logs' words. {@link SqliteFile} says how durable a write is.
 */
public final class SqliteLogStore implements LogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLogStore.class);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final int EXPIRY_BATCH = 5_000;

    private final SqliteFile database;
    private final InstantSource clock;

    private SqliteLogStore(SqliteFile database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
    }

    public static SqliteLogStore open(Path file, InstantSource clock) {
        return new SqliteLogStore(LogDatabase.open(file), clock);
    }

    /** Milliseconds since the epoch by the store's clock: the ingestion time of what is appended now. */
    public long now() {
        return clock.millis();
    }

    // ---- log groups

    public LogGroup createGroup(String name, Map<String, String> tags, boolean deletionProtectionEnabled) {
        LogNames.checkNewGroupName(name);
        long now = now();
        return database.write(connection -> {
            if (LogGroupTable.id(connection, name).isPresent()) {
                throw new ApiException(ErrorType.RESOURCE_ALREADY_EXISTS, "The specified log group already exists");
            }
            long id = LogGroupTable.insert(connection, name, now, deletionProtectionEnabled);
            LogGroupTable.putTags(connection, id, tags);
            return new LogGroup(name, now, null, 0, tags, deletionProtectionEnabled);
        });
    }

    @Override
    public void createGroupIfMissing(String group) {
        try {
            createGroup(group, Map.of(), false);
        } catch (ApiException e) {
            if (e.type() != ErrorType.RESOURCE_ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    @Override
    public boolean groupExists(String group) {
        return database.read(connection -> LogGroupTable.id(connection, group).isPresent());
    }

    public Optional<LogGroup> group(String name) {
        return database.read(connection -> LogGroupTable.find(connection, name));
    }

    /** Every log group, in order of name. */
    public List<LogGroup> groups() {
        return database.read(connection -> LogGroupTable.list(connection, name -> true));
    }

    public void deleteGroup(String name) {
        database.write(connection -> {
            long id = LogGroupTable.require(connection, name);
            if (LogGroupTable.deletionProtected(connection, id)) {
                throw new ApiException(ErrorType.VALIDATION,
                        "Cannot delete log group with deletion protection enabled. Disable deletion protection first.");
            }
            LogEventTable.deleteGroup(connection, id);
            LogGroupTable.delete(connection, id);
            return null;
        });
    }

    /** Sets how many days a group keeps its events, or with null, keeps them for ever. */
    public void putRetentionPolicy(String name, Integer retentionInDays) {
        Integer days = retentionInDays == null ? null : RetentionPeriods.check(retentionInDays);
        database.write(connection -> {
            LogGroupTable.setRetention(connection, LogGroupTable.require(connection, name), days);
            return null;
        });
    }

    public void putDeletionProtection(String name, boolean enabled) {
        database.write(connection -> {
            LogGroupTable.setDeletionProtection(connection, LogGroupTable.require(connection, name), enabled);
            return null;
        });
    }

    public Map<String, String> tags(String name) {
        return group(name).map(LogGroup::tags).orElseThrow(LogGroupTable::notFound);
    }

    /** Adds tags to a group, replacing the values of keys it already has. */
    public void tagGroup(String name, Map<String, String> tags) {
        database.write(connection -> {
            LogGroupTable.putTags(connection, LogGroupTable.require(connection, name), tags);
            return null;
        });
    }

    public void untagGroup(String name, Collection<String> keys) {
        database.write(connection -> {
            LogGroupTable.removeTags(connection, LogGroupTable.require(connection, name), keys);
            return null;
        });
    }

    // ---- log streams

    public LogStream createStream(String group, String name) {
        LogNames.checkStreamName(name, "logStreamName");
        long now = now();
        return database.write(connection -> {
            long groupId = LogGroupTable.require(connection, group);
            if (LogStreamTable.find(connection, groupId, group, name).isPresent()) {
                throw new ApiException(ErrorType.RESOURCE_ALREADY_EXISTS, "The specified log stream already exists");
            }
            LogStreamTable.insert(connection, groupId, name, now);
            return new LogStream(group, name, now, null, null, null, 0, 0);
        });
    }

    @Override
    public void createStreamIfMissing(String group, String stream) {
        try {
            createStream(group, stream);
        } catch (ApiException e) {
            if (e.type() != ErrorType.RESOURCE_ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    public void deleteStream(String group, String name) {
        database.write(connection -> {
            LogStreamTable.Row stream = LogStreamTable.require(connection, group, name);
            LogEventTable.deleteStream(connection, stream.id());
            LogStreamTable.delete(connection, stream.id());
            return null;
        });
    }

    /** The streams of a group, in order of name. */
    public List<LogStream> streams(String group) {
        return database.read(connection ->
                LogStreamTable.list(connection, LogGroupTable.require(connection, group), group));
    }

    /** The stream, or a ResourceNotFoundException naming whichever of the group or the stream is missing. */
    public LogStream stream(String group, String name) {
        return database.read(connection -> LogStreamTable.require(connection, group, name).stream());
    }

    @Override
    public long lastEventTimestamp(String group, String stream) {
        return database.read(connection -> {
            Optional<Long> groupId = LogGroupTable.id(connection, group);
            if (groupId.isEmpty()) {
                return -1L;
            }
            Long last = LogStreamTable.find(connection, groupId.get(), group, stream)
                    .map(row -> row.stream().lastEventTimestamp()).orElse(null);
            return last == null ? -1L : last;
        });
    }

    // ---- log events

    @Override
    public void append(String group, String stream, List<Event> events) {
        appendEvents(group, stream, events);
    }

    /** Appends events to a stream in one durable transaction; answers the stream as it is afterwards. */
    public LogStream appendEvents(String group, String stream, List<Event> events) {
        long ingestionTime = now();
        return database.write(connection -> {
            LogStreamTable.Row row = LogStreamTable.require(connection, group, stream);
            if (events.isEmpty()) {
                return row.stream();
            }
            LogEventTable.Appended appended = LogEventTable.append(connection, row.groupId(), row.id(), events,
                    ingestionTime);
            LogStreamTable.recordAppend(connection, row.id(), appended, ingestionTime);
            return row.stream().afterAppend(appended.firstTimestamp(), appended.lastTimestamp(), ingestionTime,
                    appended.bytes());
        });
    }

    /**
     * Events of one stream after {@code boundary} (forward) or before it (backward), at most {@code limit} of them
     * and about {@code maxBytes}, nearest the boundary first, returned oldest first. A null boundary starts at the
     * oldest event (forward) or the newest (backward).
     */
    public EventPage readStream(String group, String stream, TimeRange range, EventPosition boundary,
            boolean forward, int limit, long maxBytes) {
        return database.read(connection -> {
            LogStreamTable.Row row = LogStreamTable.require(connection, group, stream);
            return LogEventTable.readStream(connection, row.id(), stream, range, boundary, forward, limit, maxBytes);
        });
    }

    /**
     * Events of a group's streams interleaved in (timestamp, id) order after {@code after}, from the streams named
     * (or, with null, from those whose names start with {@code streamNamePrefix}, or from all), that match the
     * pattern. Names of streams that do not exist select nothing.
     */
    public EventPage filter(String group, Set<String> streamNames, String streamNamePrefix, TimeRange range,
            FilterPattern pattern, EventPosition after, int limit, long maxBytes) {
        return database.read(connection -> {
            long groupId = LogGroupTable.require(connection, group);
            Map<Long, String> names = LogStreamTable.names(connection, groupId);
            List<Long> selected = null;
            if (streamNames != null || streamNamePrefix != null) {
                selected = new ArrayList<>();
                for (Map.Entry<Long, String> stream : names.entrySet()) {
                    String name = stream.getValue();
                    if (streamNames != null ? streamNames.contains(name) : name.startsWith(streamNamePrefix)) {
                        selected.add(stream.getKey());
                    }
                }
                if (selected.isEmpty()) {
                    return new EventPage(List.of(), false);
                }
            }
            return LogEventTable.filter(connection, groupId, names, selected, range, pattern, after, limit, maxBytes);
        });
    }

    // ---- retention and reset

    /** Deletes the events older than their group's retention period; answers how many it deleted. */
    public int expireEvents() {
        long now = now();
        Map<Long, Integer> retentions = database.read(LogGroupTable::retentions);
        int deleted = 0;
        for (Map.Entry<Long, Integer> group : retentions.entrySet()) {
            long cutoff = now - group.getValue() * DAY_MILLIS;
            int batch;
            do {
                // One transaction per batch, so appends never wait long behind a large expiry.
                batch = database.write(connection ->
                        LogEventTable.expire(connection, group.getKey(), cutoff, EXPIRY_BATCH));
                deleted += batch;
            } while (batch == EXPIRY_BATCH);
        }
        return deleted;
    }

    /** Deletes every group, stream and event: the logs' part of POST /_ecsd/reset. */
    public void wipe() {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String table : List.of("log_events", "log_streams", "log_group_tags", "log_groups")) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
