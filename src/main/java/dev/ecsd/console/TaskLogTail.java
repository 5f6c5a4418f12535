package dev.ecsd.console;

import dev.ecsd.logs.EventPage;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.logs.TimeRange;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.LogConfiguration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The tail of a container's awslogs stream, read from the region's CloudWatch Logs store: where the agent ships a
 * container's output (see the agent's TaskLogs) and the last events there, oldest first.
 */
public final class TaskLogTail {
    /** How many events a tail shows: the newest ones. */
    public static final int LIMIT = 200;
    private static final long MAX_BYTES = 1_048_576;
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private TaskLogTail() {
    }

    /** Where a container's output goes: its awslogs group and stream. */
    public record Source(String container, String group, String stream) {
    }

    /** One log event. */
    public record Line(Instant at, String message) {
        /** The event's time of day, to the millisecond, as a log reader scans it (UTC; the date is on hover). */
        public String time() {
            return TIME_OF_DAY.format(at);
        }
    }

    /** A container's tail: where it is read from, its lines (oldest first) and, when it has none, why. */
    public record Tail(String container, String group, String stream, List<Line> lines, String empty) {
    }

    /**
     * The awslogs group and stream of a container of a task, named as ECS names it: {@code prefix/container/task-id}
     * with an {@code awslogs-stream-prefix}, else the container's id in the engine (null until it has one). Empty when
     * the container does not use awslogs.
     */
    public static Optional<Source> source(ContainerDefinition definition, String taskId, String runtimeId) {
        LogConfiguration logging = definition.logConfiguration();
        if (logging == null || !logging.isAwslogs() || logging.option("awslogs-group") == null) {
            return Optional.empty();
        }
        String prefix = logging.option("awslogs-stream-prefix");
        String stream = prefix == null ? runtimeId : streamName(prefix, definition.name(), taskId);
        return Optional.of(new Source(definition.name(), logging.option("awslogs-group"), stream));
    }

    /** ECS's stream name for a container of a task, under a prefix. */
    public static String streamName(String prefix, String container, String taskId) {
        return prefix + "/" + container + "/" + taskId;
    }

    /** The last {@code limit} events of the source's stream, oldest first; no lines when it has none yet. */
    public static Tail read(SqliteLogStore logs, Source source, int limit) {
        if (source.stream() == null) {
            return empty(source, "The container has not started yet: its log stream is named after it once it has.");
        }
        EventPage page;
        try {
            // backward from the newest event: the nearest ones, answered oldest first
            page = logs.readStream(source.group(), source.stream(), TimeRange.ALL, null, false, limit, MAX_BYTES);
        } catch (ApiException e) {
            return empty(source, "No log stream " + source.stream() + " in log group " + source.group()
                    + " yet: the container has written nothing, or has not started.");
        }
        if (page.events().isEmpty()) {
            return empty(source, "No log events yet: the container has written nothing.");
        }
        List<Line> lines = page.events().stream()
                .map(event -> new Line(Instant.ofEpochMilli(event.timestamp()), event.message()))
                .toList();
        return new Tail(source.container(), source.group(), source.stream(), lines, null);
    }

    private static Tail empty(Source source, String why) {
        return new Tail(source.container(), source.group(), source.stream(), List.of(), why);
    }
}
