package dev.ecsd.api.logs;

import dev.ecsd.logs.Constraints;
import dev.ecsd.logs.EventPage;
import dev.ecsd.logs.EventPosition;
import dev.ecsd.logs.FilterPattern;
import dev.ecsd.logs.LogGroup;
import dev.ecsd.logs.LogNames;
import dev.ecsd.logs.LogSink;
import dev.ecsd.logs.LogStream;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.logs.StoredEvent;
import dev.ecsd.logs.TimeRange;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

/** PutLogEvents, GetLogEvents and FilterLogEvents. */
final class LogEventOperations {
    /** Both reads answer at most this many events, and about this many bytes of them (26 more per event). */
    static final int MAX_EVENTS_PER_READ = 10_000;
    static final long MAX_BYTES_PER_READ = 1_048_576;
    private static final int MAX_STREAM_NAMES = 100;

    private final SqliteLogStore store;
    private final LogsMapper mapper;

    LogEventOperations(SqliteLogStore store, LogsMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    PutLogEventsResponse putLogEvents(PutLogEventsRequest request) {
        String group = LogNames.checkGroupName(request.logGroupName(), "logGroupName");
        String stream = LogNames.checkStreamName(request.logStreamName(), "logStreamName");
        List<LogSink.Event> events = new ArrayList<>(request.logEvents().size());
        for (int i = 0; i < request.logEvents().size(); i++) {
            InputLogEvent event = request.logEvents().get(i);
            if (event == null || event.timestamp() == null || event.message() == null) {
                throw Constraints.violation(null, "logEvents." + (i + 1) + ".member."
                        + (event != null && event.timestamp() == null ? "timestamp" : "message"),
                        "Member must not be null");
            }
            events.add(new LogSink.Event(event.timestamp(), event.message()));
        }
        // The group's retention decides which events are already expired; a missing group is reported here.
        LogGroup logGroup = store.group(group).orElseThrow(() -> new ApiException(
                ErrorType.RESOURCE_NOT_FOUND, "The specified log group does not exist."));
        LogEventBatch batch = LogEventBatch.check(events, store.now(), logGroup.retentionInDays());
        LogStream appended = batch.accepted().isEmpty() ? store.stream(group, stream)
                : store.appendEvents(group, stream, batch.accepted());
        PutLogEventsResponse.Builder response = PutLogEventsResponse.builder()
                .nextSequenceToken(LogsMapper.sequenceToken(appended));
        if (batch.rejectedAny()) {
            response.rejectedLogEventsInfo(RejectedLogEventsInfo.builder()
                    .tooOldLogEventEndIndex(batch.tooOldEndIndex())
                    .expiredLogEventEndIndex(batch.expiredEndIndex())
                    .tooNewLogEventStartIndex(batch.tooNewStartIndex())
                    .build());
        }
        return response.build();
    }

    /**
     * Reads a page of one stream. Without a token it is the oldest page (startFromHead) or the newest; a forward
     * token reads on after the page it came with, a backward token reads the page before. Both tokens come back
     * every time; at either end the token passed comes back unchanged, which is how clients know to stop.
     */
    GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        String group = mapper.groupName(request.logGroupName(), request.logGroupIdentifier());
        String stream = LogNames.checkStreamName(request.logStreamName(), "logStreamName");
        int limit = Constraints.limit(request.limit(), MAX_EVENTS_PER_READ, MAX_EVENTS_PER_READ);
        TimeRange range = TimeRange.of(request.startTime(), request.endTime());
        String token = request.nextToken();
        EventTokens.StreamToken from = token == null ? null : EventTokens.parseStreamToken(token);
        boolean forward = from != null ? from.forward() : Boolean.TRUE.equals(request.startFromHead());
        EventPage page = store.readStream(group, stream, range, from == null ? null : from.position(), forward, limit,
                MAX_BYTES_PER_READ);
        List<StoredEvent> events = page.events();
        String nextForward;
        String nextBackward;
        if (!events.isEmpty()) {
            nextForward = EventTokens.forward(events.getLast().position());
            nextBackward = EventTokens.backward(events.getFirst().position());
        } else if (from == null) {
            nextForward = EventTokens.forward(EventPosition.START);
            nextBackward = EventTokens.backward(EventPosition.START);
        } else if (from.forward()) {
            nextForward = token;
            nextBackward = EventTokens.backward(from.position().next());
        } else {
            nextForward = EventTokens.forward(from.position().previous());
            nextBackward = token;
        }
        return GetLogEventsResponse.builder()
                .events(events.stream().map(LogsMapper::outputEvent).toList())
                .nextForwardToken(nextForward)
                .nextBackwardToken(nextBackward)
                .build();
    }

    /** Events of many streams of a group, interleaved by time, matching a filter pattern, paged by nextToken. */
    FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
        String group = mapper.groupName(request.logGroupName(), request.logGroupIdentifier());
        Set<String> streamNames = null;
        if (request.hasLogStreamNames()) {
            if (request.logStreamNamePrefix() != null) {
                throw ApiException.invalidParameter(
                        "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
            }
            if (request.logStreamNames().isEmpty() || request.logStreamNames().size() > MAX_STREAM_NAMES) {
                throw Constraints.violation(request.logStreamNames(), "logStreamNames",
                        "Member must have length between 1 and " + MAX_STREAM_NAMES);
            }
            streamNames = new LinkedHashSet<>(request.logStreamNames());
        }
        int limit = Constraints.limit(request.limit(), MAX_EVENTS_PER_READ, MAX_EVENTS_PER_READ);
        FilterPattern pattern = FilterPattern.parse(request.filterPattern());
        EventPosition after = request.nextToken() == null ? null : EventTokens.parseFilterToken(request.nextToken());
        EventPage page = store.filter(group, streamNames, request.logStreamNamePrefix(),
                TimeRange.of(request.startTime(), request.endTime()), pattern, after, limit, MAX_BYTES_PER_READ);
        return FilterLogEventsResponse.builder()
                .events(page.events().stream().map(LogsMapper::filteredEvent).toList())
                .nextToken(page.more() ? EventTokens.filterToken(page.events().getLast().position()) : null)
                .build();
    }
}
