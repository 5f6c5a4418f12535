package dev.ecsd.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class LogsApiIT {
    private static final String ARN_PREFIX = "arn:aws:logs:us-east-1:000000000000:log-group:";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final CloudWatchLogsClient logs = server.logs();

    @Test
    void createsDescribesAndDeletesLogGroups() {
        long before = System.currentTimeMillis();
        logs.createLogGroup(r -> r.logGroupName("/ecs/web").tags(Map.of("team", "payments")));

        LogGroup group = logs.describeLogGroups().logGroups().getFirst();
        assertThat(group.logGroupName()).isEqualTo("/ecs/web");
        assertThat(group.arn()).isEqualTo(ARN_PREFIX + "/ecs/web:*");
        assertThat(group.logGroupArn()).isEqualTo(ARN_PREFIX + "/ecs/web");
        assertThat(group.creationTime()).isBetween(before, System.currentTimeMillis());
        assertThat(group.storedBytes()).isZero();
        assertThat(group.retentionInDays()).isNull();
        assertThat(logs.listTagsLogGroup(r -> r.logGroupName("/ecs/web")).tags()).containsEntry("team", "payments");

        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("/ecs/web")))
                .isInstanceOf(ResourceAlreadyExistsException.class)
                .hasMessageStartingWith("The specified log group already exists");
        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("has space")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("x".repeat(513))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("less than or equal to 512");

        logs.deleteLogGroup(r -> r.logGroupName("/ecs/web"));
        assertThat(logs.describeLogGroups().logGroups()).isEmpty();
        assertThatThrownBy(() -> logs.deleteLogGroup(r -> r.logGroupName("/ecs/web")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The specified log group does not exist.");
    }

    @Test
    void pagesLogGroupsByPrefix() {
        for (int i = 0; i < 7; i++) {
            String name = "/app/" + i;
            logs.createLogGroup(r -> r.logGroupName(name));
        }
        logs.createLogGroup(r -> r.logGroupName("/other"));

        DescribeLogGroupsResponse first = logs.describeLogGroups(r -> r.logGroupNamePrefix("/app/").limit(3));
        DescribeLogGroupsResponse second = logs.describeLogGroups(r -> r.logGroupNamePrefix("/app/").limit(3)
                .nextToken(first.nextToken()));
        assertThat(first.logGroups()).extracting(LogGroup::logGroupName).containsExactly("/app/0", "/app/1", "/app/2");
        assertThat(second.logGroups()).extracting(LogGroup::logGroupName).containsExactly("/app/3", "/app/4", "/app/5");
        assertThat(logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix("/app/").limit(2)).logGroups())
                .extracting(LogGroup::logGroupName).hasSize(7).doesNotContain("/other");
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePattern("ther")).logGroups())
                .extracting(LogGroup::logGroupName).containsExactly("/other");
        assertThatThrownBy(() -> logs.describeLogGroups(r -> r.limit(51)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("less than or equal to 50");
    }

    @Test
    void createsDescribesAndDeletesLogStreams() {
        logs.createLogGroup(r -> r.logGroupName("g"));
        for (String name : List.of("web/1", "web/2", "worker/1")) {
            logs.createLogStream(r -> r.logGroupName("g").logStreamName(name));
        }
        put("g", "web/2", event(now() - 2000, "older"));
        put("g", "worker/1", event(now() - 1000, "newer"));

        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("g").logStreamName("web/1")))
                .isInstanceOf(ResourceAlreadyExistsException.class)
                .hasMessageStartingWith("The specified log stream already exists");
        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("g").logStreamName("a:b")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("[^:*]*");
        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("missing").logStreamName("s")))
                .isInstanceOf(ResourceNotFoundException.class);

        assertThat(logs.describeLogStreams(r -> r.logGroupName("g").logStreamNamePrefix("web/")).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("web/1", "web/2");
        assertThat(logs.describeLogStreams(r -> r.logGroupIdentifier(ARN_PREFIX + "g")
                        .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("worker/1", "web/2", "web/1");
        assertThat(logs.describeLogStreamsPaginator(r -> r.logGroupName("g").limit(1)).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("web/1", "web/2", "worker/1");
        LogStream web2 = logs.describeLogStreams(r -> r.logGroupName("g").logStreamNamePrefix("web/2"))
                .logStreams().getFirst();
        assertThat(web2.arn()).isEqualTo(ARN_PREFIX + "g:log-stream:web/2");
        assertThat(web2.storedBytes()).isEqualTo("older".length());
        assertThat(web2.firstEventTimestamp()).isEqualTo(web2.lastEventTimestamp());
        assertThat(web2.lastIngestionTime()).isNotNull();
        assertThat(web2.uploadSequenceToken()).isNotBlank();
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("g").logStreamNamePrefix("web")
                .orderBy(OrderBy.LAST_EVENT_TIME)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Cannot order by LastEventTime with a logStreamNamePrefix.");

        logs.deleteLogStream(r -> r.logGroupName("g").logStreamName("web/1"));
        assertThatThrownBy(() -> logs.deleteLogStream(r -> r.logGroupName("g").logStreamName("web/1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The specified log stream does not exist.");
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The specified log group does not exist.");
    }

    @Test
    void putLogEventsAcceptsAnySequenceTokenAndReportsRejectedEvents() {
        createStream("g", "s");
        long now = now();
        PutLogEventsResponse first = put("g", "s", event(now, "one"));
        PutLogEventsResponse second = logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .sequenceToken("not-the-token").logEvents(event(now, "two")));
        assertThat(first.nextSequenceToken()).isNotBlank().isNotEqualTo(second.nextSequenceToken());
        assertThat(first.rejectedLogEventsInfo()).isNull();

        PutLogEventsResponse mixed = put("g", "s", event(now - Duration.ofDays(15).toMillis(), "too old"),
                event(now, "three"), event(now + Duration.ofHours(3).toMillis(), "too new"));
        assertThat(mixed.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
        assertThat(mixed.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(2);

        logs.putRetentionPolicy(r -> r.logGroupName("g").retentionInDays(1));
        PutLogEventsResponse expired = put("g", "s", event(now - Duration.ofDays(2).toMillis(), "expired"),
                event(now, "four"));
        assertThat(expired.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(1);

        assertThat(messages(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").startFromHead(true))
                .events())).containsExactly("one", "two", "three", "four");
        assertThatThrownBy(() -> put("g", "s", event(now, "b"), event(now - 1, "a")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Log events in a single PutLogEvents request must be in chronological order.");
        assertThatThrownBy(() -> put("g", "missing", event(now, "x")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The specified log stream does not exist.");
        List<InputLogEvent> tooMany = IntStream.range(0, 10_001).mapToObj(i -> event(now, "x")).toList();
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s").logEvents(tooMany)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("10000");
        String big = "x".repeat(600_000);
        assertThatThrownBy(() -> put("g", "s", event(now, big), event(now, big)))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Upload too large");
    }

    @Test
    void pagesGetLogEventsForwardAndBackwardWithoutDuplicatesOrGaps() {
        createStream("g", "s");
        long start = now() - 60_000;
        List<String> expected = new ArrayList<>();
        List<InputLogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            expected.add("event " + i);
            // Four events share each millisecond, so paging cannot rely on timestamps alone.
            batch.add(event(start + i / 4, "event " + i));
            if (batch.size() == 1_000 || i == 2_499) {
                put("g", "s", batch.toArray(InputLogEvent[]::new));
                batch.clear();
            }
        }

        List<String> forward = new ArrayList<>();
        GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .startFromHead(true).limit(100));
        String token = null;
        while (!page.nextForwardToken().equals(token)) {
            forward.addAll(messages(page.events()));
            token = page.nextForwardToken();
            String next = token;
            page = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken(next).limit(100));
        }
        assertThat(page.events()).isEmpty();
        assertThat(forward).isEqualTo(expected);

        List<String> backward = new ArrayList<>();
        page = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(100));
        assertThat(messages(page.events())).isEqualTo(expected.subList(2_400, 2_500));
        token = null;
        while (!page.nextBackwardToken().equals(token)) {
            backward.addAll(0, messages(page.events()));
            token = page.nextBackwardToken();
            String next = token;
            page = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken(next).limit(100));
        }
        assertThat(backward).isEqualTo(expected);

        assertThat(logs.getLogEventsPaginator(r -> r.logGroupIdentifier(ARN_PREFIX + "g:*").logStreamName("s")
                .startFromHead(true).limit(333)).events()).extracting(OutputLogEvent::message).isEqualTo(expected);
        assertThat(messages(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").startFromHead(true)
                .startTime(start + 10).endTime(start + 12)).events()))
                .isEqualTo(expected.subList(40, 48));
    }

    @Test
    void getLogEventsKeepsToTheResponseSizeLimitAndTheTailStaysReachable() {
        createStream("g", "s");
        long now = now();
        String kilobyte = "k".repeat(1_000);
        for (int batch = 0; batch < 3; batch++) {
            put("g", "s", IntStream.range(0, 1_000).mapToObj(i -> event(now, kilobyte)).toArray(InputLogEvent[]::new));
        }

        GetLogEventsResponse first = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").startFromHead(true));
        assertThat(first.events().size()).isBetween(1_000, 1_048_576 / 1_026);
        int total = logs.getLogEventsPaginator(r -> r.logGroupName("g").logStreamName("s").startFromHead(true))
                .events().stream().mapToInt(event -> 1).sum();
        assertThat(total).isEqualTo(3_000);

        // A reader that reached the end sees what is appended later, through the token it already has.
        String token = first.nextForwardToken();
        while (true) {
            String current = token;
            token = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken(current))
                    .nextForwardToken();
            if (token.equals(current)) {
                break;
            }
        }
        put("g", "s", event(now + 1, "later"));
        String end = token;
        GetLogEventsResponse tail = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken(end));
        assertThat(messages(tail.events())).containsExactly("later");
        assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken("bogus")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void filtersEventsAcrossStreamsByPattern() {
        createStream("app", "web/1");
        logs.createLogStream(r -> r.logGroupName("app").logStreamName("web/2"));
        logs.createLogStream(r -> r.logGroupName("app").logStreamName("db/1"));
        long t = now() - 10_000;
        put("app", "web/1", event(t, "GET /health 200"), event(t + 3, "ERROR payment declined"),
                event(t + 5, "GET /pay 500 ERROR upstream timeout"));
        put("app", "web/2", event(t + 1, "ERROR upstream timeout"), event(t + 4, "WARN slow response"));
        put("app", "db/1", event(t + 2, "ERROR deadlock detected"));

        FilterLogEventsResponse errors = logs.filterLogEvents(r -> r.logGroupName("app").filterPattern("ERROR"));
        assertThat(errors.events()).extracting(FilteredLogEvent::logStreamName)
                .containsExactly("web/2", "db/1", "web/1", "web/1");
        assertThat(errors.events()).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates();
        assertThat(errors.nextToken()).isNull();
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("app").logStreamNamePrefix("web/")
                .filterPattern("\"upstream timeout\"")).events()))
                .containsExactly("ERROR upstream timeout", "GET /pay 500 ERROR upstream timeout");
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("app").logStreamNames("web/1", "db/1")
                .filterPattern("?WARN ?deadlock")).events())).containsExactly("ERROR deadlock detected");
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("app").filterPattern("ERROR -timeout")
                .startTime(t + 2).endTime(t + 5)).events()))
                .containsExactly("ERROR deadlock detected", "ERROR payment declined");

        assertThat(logs.filterLogEventsPaginator(r -> r.logGroupName("app").limit(2)).events())
                .extracting(FilteredLogEvent::timestamp)
                .containsExactly(t, t + 1, t + 2, t + 3, t + 4, t + 5);
        assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("app").logStreamNames("web/1")
                .logStreamNamePrefix("web")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void setsAndDeletesRetentionPolicies() {
        logs.createLogGroup(r -> r.logGroupName("g"));
        logs.putRetentionPolicy(r -> r.logGroupName("g").retentionInDays(7));
        assertThat(logs.describeLogGroups().logGroups().getFirst().retentionInDays()).isEqualTo(7);
        assertThatThrownBy(() -> logs.putRetentionPolicy(r -> r.logGroupName("g").retentionInDays(2)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, "
                        + "365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
        assertThatThrownBy(() -> logs.putRetentionPolicy(r -> r.logGroupName("missing").retentionInDays(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        logs.deleteRetentionPolicy(r -> r.logGroupName("g"));
        assertThat(logs.describeLogGroups().logGroups().getFirst().retentionInDays()).isNull();
    }

    @Test
    void tagsLogGroupsByArnAndByName() {
        logs.createLogGroup(r -> r.logGroupName("g"));
        String arn = ARN_PREFIX + "g";
        logs.tagResource(r -> r.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
        logs.tagLogGroup(r -> r.logGroupName("g").tags(Map.of("c", "3")));
        logs.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
        logs.untagLogGroup(r -> r.logGroupName("g").tags("c"));

        assertThat(logs.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(Map.entry("b", "2"));
        assertThat(logs.listTagsLogGroup(r -> r.logGroupName("g")).tags()).containsExactly(Map.entry("b", "2"));
        assertThatThrownBy(() -> logs.listTagsForResource(r -> r.resourceArn(ARN_PREFIX + "missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletionProtectionKeepsAGroupUntilItIsTurnedOff() {
        logs.createLogGroup(r -> r.logGroupName("g").deletionProtectionEnabled(true));
        assertThatThrownBy(() -> logs.deleteLogGroup(r -> r.logGroupName("g")))
                .isInstanceOfSatisfying(CloudWatchLogsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        logs.putLogGroupDeletionProtection(r -> r.logGroupIdentifier("g").deletionProtectionEnabled(false));
        logs.deleteLogGroup(r -> r.logGroupName("g"));
    }

    @Test
    void resetForgetsEveryLogGroup() {
        createStream("g", "s");
        put("g", "s", event(now(), "x"));
        server.reset();
        assertThat(logs.describeLogGroups().logGroups()).isEmpty();
    }

    @Test
    void operationsNotImplementedAnswerOneUniformError() {
        assertThatThrownBy(() -> logs.describeMetricFilters(r -> r.logGroupName("g")))
                .isInstanceOfSatisfying(CloudWatchLogsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplementedException");
                    assertThat(e.getMessage()).contains("DescribeMetricFilters");
                });
    }

    private void createStream(String group, String stream) {
        logs.createLogGroup(r -> r.logGroupName(group));
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    }

    private PutLogEventsResponse put(String group, String stream, InputLogEvent... events) {
        return logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static List<String> messages(List<?> events) {
        List<String> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(event instanceof OutputLogEvent output ? output.message()
                    : ((FilteredLogEvent) event).message());
        }
        return Collections.unmodifiableList(messages);
    }
}
