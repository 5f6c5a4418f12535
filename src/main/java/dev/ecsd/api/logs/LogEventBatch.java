package dev.ecsd.api.logs;

import dev.ecsd.logs.Constraints;
import dev.ecsd.logs.LogSink;
import dev.ecsd.logs.StoredEvent;
import dev.ecsd.model.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The rules of one PutLogEvents batch. A malformed batch is refused as a whole; events too old, too new or past
 * the group's retention are not an error: they are left out and reported by index, the rest are stored.
 *
 * @param accepted the events to store, a contiguous run of the batch
 * @param tooOldEndIndex exclusive end of the events older than 14 days, or null when there are none
 * @param expiredEndIndex exclusive end of the events older than the group's retention, or null when none
 * @param tooNewStartIndex first of the events more than 2 hours ahead, or null when there are none
 */
public record LogEventBatch(List<LogSink.Event> accepted, Integer tooOldEndIndex, Integer expiredEndIndex,
        Integer tooNewStartIndex) {
    public static final int MAX_EVENTS = 10_000;
    public static final int MAX_BYTES = 1_048_576;
    static final long MAX_AGE_MILLIS = Duration.ofDays(14).toMillis();
    static final long MAX_AHEAD_MILLIS = Duration.ofHours(2).toMillis();
    static final long MAX_SPAN_MILLIS = Duration.ofHours(24).toMillis();

    public LogEventBatch {
        accepted = List.copyOf(accepted);
    }

    /** Checks a batch received at {@code now} for a group keeping events {@code retentionInDays} (null: for ever). */
    public static LogEventBatch check(List<LogSink.Event> events, long now, Integer retentionInDays) {
        if (events.isEmpty()) {
            throw Constraints.violation("[]", "logEvents", "Member must have length greater than or equal to 1");
        }
        if (events.size() > MAX_EVENTS) {
            throw Constraints.violation("(" + events.size() + " events)", "logEvents",
                    "Member must have length less than or equal to " + MAX_EVENTS);
        }
        long bytes = 0;
        for (int i = 0; i < events.size(); i++) {
            LogSink.Event event = events.get(i);
            if (event.message().isEmpty()) {
                throw Constraints.violation("", "logEvents." + (i + 1) + ".member.message",
                        "Member must have length greater than or equal to 1");
            }
            if (i > 0 && event.timestamp() < events.get(i - 1).timestamp()) {
                throw ApiException.invalidParameter(
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
            bytes += event.message().getBytes(StandardCharsets.UTF_8).length + StoredEvent.OVERHEAD_BYTES;
        }
        if (bytes > MAX_BYTES) {
            throw ApiException.invalidParameter("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BYTES);
        }
        int tooOldEnd = countWhile(events, event -> event.timestamp() < now - MAX_AGE_MILLIS);
        int expiredEnd = retentionInDays == null ? 0 : countWhile(events,
                event -> event.timestamp() < now - Duration.ofDays(retentionInDays).toMillis());
        int tooNewStart = events.size();
        while (tooNewStart > 0 && events.get(tooNewStart - 1).timestamp() > now + MAX_AHEAD_MILLIS) {
            tooNewStart--;
        }
        int first = Math.min(Math.max(tooOldEnd, expiredEnd), tooNewStart);
        List<LogSink.Event> accepted = events.subList(first, tooNewStart);
        if (!accepted.isEmpty() && accepted.getLast().timestamp() - accepted.getFirst().timestamp() > MAX_SPAN_MILLIS) {
            throw ApiException.invalidParameter(
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        return new LogEventBatch(accepted, tooOldEnd > 0 ? tooOldEnd : null, expiredEnd > 0 ? expiredEnd : null,
                tooNewStart < events.size() ? tooNewStart : null);
    }

    public boolean rejectedAny() {
        return tooOldEndIndex != null || expiredEndIndex != null || tooNewStartIndex != null;
    }

    private static int countWhile(List<LogSink.Event> events, Predicate<LogSink.Event> test) {
        int index = 0;
        while (index < events.size() && test.test(events.get(index))) {
            index++;
        }
        return index;
    }
}
