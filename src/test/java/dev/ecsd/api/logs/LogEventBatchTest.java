package dev.ecsd.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.logs.LogSink.Event;
import dev.ecsd.model.ApiException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogEventBatchTest {
    private static final long NOW = 1_770_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void acceptsABatchInTheWindow() {
        LogEventBatch batch = LogEventBatch.check(List.of(event(NOW - HOUR), event(NOW), event(NOW + HOUR)), NOW, null);
        assertThat(batch.accepted()).hasSize(3);
        assertThat(batch.rejectedAny()).isFalse();
    }

    @Test
    void leavesOutEventsTooOldAndTooNewAndSaysWhichByIndex() {
        List<Event> events = List.of(event(NOW - 15 * DAY), event(NOW - 14 * DAY - 1), event(NOW - HOUR),
                event(NOW), event(NOW + 2 * HOUR), event(NOW + 2 * HOUR + 1), event(NOW + 3 * HOUR));

        LogEventBatch batch = LogEventBatch.check(events, NOW, null);

        assertThat(batch.tooOldEndIndex()).isEqualTo(2);
        assertThat(batch.tooNewStartIndex()).isEqualTo(5);
        assertThat(batch.expiredEndIndex()).isNull();
        assertThat(batch.accepted()).isEqualTo(events.subList(2, 5));
    }

    @Test
    void leavesOutEventsOlderThanTheGroupsRetention() {
        List<Event> events = List.of(event(NOW - 3 * DAY), event(NOW - DAY - 1), event(NOW - HOUR));

        LogEventBatch batch = LogEventBatch.check(events, NOW, 1);

        assertThat(batch.expiredEndIndex()).isEqualTo(2);
        assertThat(batch.tooOldEndIndex()).isNull();
        assertThat(batch.accepted()).containsExactly(events.get(2));
    }

    @Test
    void allEventsMayBeRejected() {
        LogEventBatch batch = LogEventBatch.check(List.of(event(NOW - 20 * DAY), event(NOW + 5 * HOUR)), NOW, null);
        assertThat(batch.accepted()).isEmpty();
        assertThat(batch.tooOldEndIndex()).isEqualTo(1);
        assertThat(batch.tooNewStartIndex()).isEqualTo(1);
    }

    @Test
    void refusesABatchOutOfChronologicalOrder() {
        assertThatThrownBy(() -> LogEventBatch.check(List.of(event(NOW), event(NOW - 1)), NOW, null))
                .isInstanceOf(ApiException.class)
                .hasMessage("Log events in a single PutLogEvents request must be in chronological order.");
    }

    @Test
    void refusesABatchSpanningMoreThanADay() {
        assertThatThrownBy(() -> LogEventBatch.check(List.of(event(NOW - 25 * HOUR), event(NOW)), NOW, null))
                .hasMessageContaining("cannot span more than 24 hours");
    }

    @Test
    void refusesBatchesOverTheCountAndSizeLimits() {
        assertThatThrownBy(() -> LogEventBatch.check(List.of(), NOW, null))
                .hasMessageContaining("Member must have length greater than or equal to 1");
        List<Event> tooMany = IntStream.range(0, 10_001).mapToObj(i -> event(NOW)).toList();
        assertThatThrownBy(() -> LogEventBatch.check(tooMany, NOW, null))
                .hasMessageContaining("Member must have length less than or equal to 10000");
        // 1,048,576 bytes counting 26 per event: exactly at the limit passes, one byte more does not.
        String message = String.join("", Collections.nCopies(1_048_576 / 2 - 26, "x"));
        assertThat(LogEventBatch.check(List.of(new Event(NOW, message), new Event(NOW, message)), NOW, null)
                .accepted()).hasSize(2);
        assertThatThrownBy(() -> LogEventBatch.check(
                List.of(new Event(NOW, message), new Event(NOW, message + "y")), NOW, null))
                .hasMessage("Upload too large: 1048577 bytes exceeds limit of 1048576");
        assertThatThrownBy(() -> LogEventBatch.check(List.of(new Event(NOW, "")), NOW, null))
                .hasMessageContaining("logEvents.1.member.message");
    }

    private static Event event(long timestamp) {
        return new Event(timestamp, "m" + timestamp);
    }
}
