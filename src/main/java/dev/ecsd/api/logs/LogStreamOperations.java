package dev.ecsd.api.logs;

import dev.ecsd.api.Pages;
import dev.ecsd.logs.Constraints;
import dev.ecsd.logs.LogNames;
import dev.ecsd.logs.LogStream;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.model.ApiException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;

/** CreateLogStream, DeleteLogStream and DescribeLogStreams. */
final class LogStreamOperations {
    private static final int MAX_STREAMS_PER_PAGE = 50;

    private final SqliteLogStore store;
    private final LogsMapper mapper;

    LogStreamOperations(SqliteLogStore store, LogsMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    CreateLogStreamResponse createLogStream(CreateLogStreamRequest request) {
        store.createStream(LogNames.checkGroupName(request.logGroupName(), "logGroupName"), request.logStreamName());
        return CreateLogStreamResponse.builder().build();
    }

    DeleteLogStreamResponse deleteLogStream(DeleteLogStreamRequest request) {
        store.deleteStream(LogNames.checkGroupName(request.logGroupName(), "logGroupName"),
                LogNames.checkStreamName(request.logStreamName(), "logStreamName"));
        return DeleteLogStreamResponse.builder().build();
    }

    DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        String group = mapper.groupName(request.logGroupName(), request.logGroupIdentifier());
        OrderBy orderBy = orderBy(request.orderByAsString());
        String prefix = request.logStreamNamePrefix();
        if (orderBy == OrderBy.LAST_EVENT_TIME && prefix != null) {
            throw ApiException.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        int limit = Constraints.limit(request.limit(), MAX_STREAMS_PER_PAGE, MAX_STREAMS_PER_PAGE);
        // The page key sorts as the order does, so a nextToken resumes after the last stream returned.
        Function<LogStream, String> key = orderBy == OrderBy.LAST_EVENT_TIME
                ? stream -> String.format("%020d/%s", lastEventTime(stream), stream.name())
                : LogStream::name;
        Comparator<String> order = Boolean.TRUE.equals(request.descending())
                ? Comparator.<String>naturalOrder().reversed() : Comparator.naturalOrder();
        List<LogStream> streams = store.streams(group).stream()
                .filter(stream -> prefix == null || stream.name().startsWith(prefix))
                .sorted(Comparator.comparing(key, order))
                .toList();
        Pages.Page<LogStream> page = Pages.page(streams, key, order, limit, limit, MAX_STREAMS_PER_PAGE,
                request.nextToken());
        return DescribeLogStreamsResponse.builder()
                .logStreams(page.items().stream().map(mapper::stream).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private static OrderBy orderBy(String value) {
        if (value == null) {
            return OrderBy.LOG_STREAM_NAME;
        }
        OrderBy orderBy = OrderBy.fromValue(value);
        if (orderBy == OrderBy.UNKNOWN_TO_SDK_VERSION) {
            throw Constraints.violation(value, "orderBy",
                    "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        return orderBy;
    }

    /** Streams without events sort as the oldest. */
    private static long lastEventTime(LogStream stream) {
        return stream.lastEventTimestamp() == null ? 0 : stream.lastEventTimestamp() + 1;
    }
}
