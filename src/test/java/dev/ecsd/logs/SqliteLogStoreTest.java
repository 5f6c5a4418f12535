package dev.ecsd.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLogStoreTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(START);
    private SqliteLogStore store;

    @BeforeEach
    void open() {
        store = SqliteLogStore.open(directory.resolve("logs.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createsGroupsAndStreamsOnceAndDeletesThemWithTheirEvents() {
        store.createGroup("/ecs/web", Map.of("team", "a"), false);
        store.createStream("/ecs/web", "ecs/app/1");
        store.append("/ecs/web", "ecs/app/1", List.of(new LogSink.Event(START.toEpochMilli(), "hello")));

        assertThatThrownBy(() -> store.createGroup("/ecs/web", Map.of(), false))
                .isInstanceOf(ApiException.class).hasMessage("The specified log group already exists");
        assertThatThrownBy(() -> store.createStream("/ecs/web", "ecs/app/1"))
                .hasMessage("The specified log stream already exists");
        assertThatThrownBy(() -> store.createStream("/missing", "s"))
                .hasMessage("The specified log group does not exist.");
        assertThat(store.group("/ecs/web")).get().satisfies(group -> {
            assertThat(group.creationTime()).isEqualTo(START.toEpochMilli());
            assertThat(group.tags()).containsEntry("team", "a");
            assertThat(group.storedBytes()).isEqualTo(5);
        });

        store.deleteGroup("/ecs/web");
        assertThat(store.groups()).isEmpty();
        store.createGroup("/ecs/web", Map.of(), false);
        store.createStream("/ecs/web", "ecs/app/1");
        assertThat(store.readStream("/ecs/web", "ecs/app/1", TimeRange.ALL, null, true, 100, Long.MAX_VALUE).events())
                .isEmpty();
    }

    @Test
    void theLogSinkCreatesWhatIsMissingAndRemembersTheLastTimestamp() {
        assertThat(store.groupExists("/ecs/worker")).isFalse();
        assertThat(store.lastEventTimestamp("/ecs/worker", "s")).isEqualTo(-1);
        store.createGroupIfMissing("/ecs/worker");
        store.createGroupIfMissing("/ecs/worker");
        store.createStreamIfMissing("/ecs/worker", "s");
        store.createStreamIfMissing("/ecs/worker", "s");
        assertThat(store.lastEventTimestamp("/ecs/worker", "s")).isEqualTo(-1);

        store.append("/ecs/worker", "s", List.of(new LogSink.Event(20, "b"), new LogSink.Event(10, "a")));
        assertThat(store.groupExists("/ecs/worker")).isTrue();
        assertThat(store.lastEventTimestamp("/ecs/worker", "s")).isEqualTo(20);
        assertThatThrownBy(() -> store.createGroupIfMissing("bad name"))
                .isInstanceOf(ApiException.class).hasMessageContaining("regular expression pattern");
        assertThatThrownBy(() -> store.append("/ecs/worker", "missing", List.of(new LogSink.Event(1, "x"))))
                .hasMessage("The specified log stream does not exist.");
    }

    @Test
    void anAppendUpdatesTheStreamsTimesSequenceAndBytes() {
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "s");
        clock.advance(Duration.ofSeconds(5));
        LogStream stream = store.appendEvents("g", "s", List.of(new LogSink.Event(100, "é"), new LogSink.Event(300, "xyz")));
        stream = store.appendEvents("g", "s", List.of(new LogSink.Event(50, "early")));

        assertThat(stream.firstEventTimestamp()).isEqualTo(50);
        assertThat(stream.lastEventTimestamp()).isEqualTo(300);
        assertThat(stream.lastIngestionTime()).isEqualTo(START.plusSeconds(5).toEpochMilli());
        assertThat(stream.uploadSequence()).isEqualTo(2);
        assertThat(stream.storedBytes()).isEqualTo(2 + 3 + 5);
        assertThat(store.readStream("g", "s", TimeRange.ALL, null, true, 10, Long.MAX_VALUE).events())
                .extracting(StoredEvent::message).containsExactly("early", "é", "xyz");
    }

    @Test
    void readsPageForwardAndBackwardWithoutDuplicatesOrGaps() {
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "s");
        // Several events share each timestamp: the id keeps their order total.
        store.append("g", "s", IntStream.range(0, 250).mapToObj(i -> new LogSink.Event(1000 + i / 3, "m" + i)).toList());

        List<String> forward = new ArrayList<>();
        EventPosition boundary = null;
        while (true) {
            EventPage page = store.readStream("g", "s", TimeRange.ALL, boundary, true, 7, Long.MAX_VALUE);
            if (page.events().isEmpty()) {
                break;
            }
            page.events().forEach(event -> forward.add(event.message()));
            boundary = page.events().getLast().position();
        }
        List<String> backward = new ArrayList<>();
        boundary = null;
        while (true) {
            EventPage page = store.readStream("g", "s", TimeRange.ALL, boundary, false, 9, Long.MAX_VALUE);
            if (page.events().isEmpty()) {
                break;
            }
            backward.addAll(0, page.events().stream().map(StoredEvent::message).toList());
            boundary = page.events().getFirst().position();
        }

        List<String> expected = IntStream.range(0, 250).mapToObj(i -> "m" + i).toList();
        assertThat(forward).isEqualTo(expected);
        assertThat(backward).isEqualTo(expected);
    }

    @Test
    void readsRespectTheTimeRangeAndTheByteBudget() {
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "s");
        store.append("g", "s", IntStream.range(0, 10).mapToObj(i -> new LogSink.Event(i * 10L, "0123456789")).toList());

        assertThat(store.readStream("g", "s", new TimeRange(20, 50), null, true, 100, Long.MAX_VALUE).events())
                .extracting(StoredEvent::timestamp).containsExactly(20L, 30L, 40L);
        EventPage budgeted = store.readStream("g", "s", TimeRange.ALL, null, true, 100, 3 * (10 + 26));
        assertThat(budgeted.events()).hasSize(3);
        assertThat(budgeted.more()).isTrue();
        assertThat(store.readStream("g", "s", TimeRange.ALL, null, true, 100, 1).events())
                .as("a page holds at least one event, however small the budget").hasSize(1);
    }

    @Test
    void filtersAcrossStreamsByPatternInTimeOrder() {
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "app/1");
        store.createStream("g", "app/2");
        store.createStream("g", "db/1");
        store.append("g", "app/1", List.of(new LogSink.Event(1, "ERROR disk full"), new LogSink.Event(4, "INFO ok")));
        store.append("g", "app/2", List.of(new LogSink.Event(2, "WARN slow disk"), new LogSink.Event(3, "ERROR timeout")));
        store.append("g", "db/1", List.of(new LogSink.Event(0, "ERROR db down")));

        assertThat(messages(store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse("ERROR"), null, 100,
                Long.MAX_VALUE))).containsExactly("ERROR db down", "ERROR disk full", "ERROR timeout");
        assertThat(messages(store.filter("g", null, "app/", TimeRange.ALL, FilterPattern.parse("?ERROR ?WARN"), null,
                100, Long.MAX_VALUE))).containsExactly("ERROR disk full", "WARN slow disk", "ERROR timeout");
        assertThat(messages(store.filter("g", Set.of("app/2"), null, TimeRange.ALL, FilterPattern.parse("disk"), null,
                100, Long.MAX_VALUE))).containsExactly("WARN slow disk");
        assertThat(messages(store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse("\"disk full\""), null,
                100, Long.MAX_VALUE))).containsExactly("ERROR disk full");
        assertThat(messages(store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse("ERROR -disk"), null,
                100, Long.MAX_VALUE))).containsExactly("ERROR db down", "ERROR timeout");
        assertThat(messages(store.filter("g", Set.of("no-such-stream"), null, TimeRange.ALL, FilterPattern.ALL, null,
                100, Long.MAX_VALUE))).isEmpty();

        EventPage first = store.filter("g", null, null, TimeRange.ALL, FilterPattern.ALL, null, 2, Long.MAX_VALUE);
        assertThat(first.more()).isTrue();
        EventPage rest = store.filter("g", null, null, TimeRange.ALL, FilterPattern.ALL,
                first.events().getLast().position(), 10, Long.MAX_VALUE);
        assertThat(rest.more()).isFalse();
        assertThat(messages(rest)).containsExactly("WARN slow disk", "ERROR timeout", "INFO ok");
    }

    @Test
    void expiresEventsOlderThanTheGroupsRetention() {
        store.createGroup("kept", Map.of(), false);
        store.createStream("kept", "s");
        store.createGroup("short", Map.of(), false);
        store.createStream("short", "s");
        store.putRetentionPolicy("short", 1);
        long day0 = START.toEpochMilli();
        store.append("kept", "s", List.of(new LogSink.Event(day0, "old but kept")));
        store.append("short", "s", List.of(new LogSink.Event(day0, "old"), new LogSink.Event(day0 + 1, "older+1")));
        clock.advance(Duration.ofHours(30));
        store.append("short", "s", List.of(new LogSink.Event(clock.millis(), "fresh")));

        assertThat(store.expireEvents()).isEqualTo(2);

        assertThat(messages(store.readStream("short", "s", TimeRange.ALL, null, true, 100, Long.MAX_VALUE)))
                .containsExactly("fresh");
        assertThat(messages(store.readStream("kept", "s", TimeRange.ALL, null, true, 100, Long.MAX_VALUE)))
                .containsExactly("old but kept");
        assertThat(store.stream("short", "s").storedBytes()).isEqualTo("fresh".length());
        assertThat(store.expireEvents()).isZero();

        store.putRetentionPolicy("short", null);
        clock.advance(Duration.ofDays(30));
        assertThat(store.expireEvents()).isZero();
        assertThatThrownBy(() -> store.putRetentionPolicy("short", 2))
                .hasMessageContaining("Member must satisfy enum value set");
    }

    @Test
    void expiresLargeBacklogsInBatches() {
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "s");
        store.putRetentionPolicy("g", 1);
        store.append("g", "s", IntStream.range(0, 12_000).mapToObj(i -> new LogSink.Event(i, "x")).toList());
        clock.advance(Duration.ofDays(2));

        assertThat(store.expireEvents()).isEqualTo(12_000);
        assertThat(store.stream("g", "s").storedBytes()).isZero();
    }

    @Test
    void deletionProtectionBlocksDeletingTheGroup() {
        store.createGroup("g", Map.of(), true);
        assertThatThrownBy(() -> store.deleteGroup("g"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION));
        store.putDeletionProtection("g", false);
        store.deleteGroup("g");
        assertThat(store.groupExists("g")).isFalse();
    }

    @Test
    void tagsAreAddedReplacedAndRemoved() {
        store.createGroup("g", Map.of("a", "1"), false);
        store.tagGroup("g", Map.of("a", "2", "b", "3"));
        store.untagGroup("g", List.of("b", "absent"));
        assertThat(store.tags("g")).containsExactly(Map.entry("a", "2"));
        assertThatThrownBy(() -> store.tags("missing")).hasMessage("The specified log group does not exist.");
    }

    @Test
    void wipeForgetsEverything() {
        store.createGroup("g", Map.of("a", "1"), false);
        store.createStream("g", "s");
        store.append("g", "s", List.of(new LogSink.Event(1, "x")));
        store.wipe();
        assertThat(store.groups()).isEmpty();
        store.createGroup("g", Map.of(), false);
        assertThat(store.tags("g")).isEmpty();
    }

    @Test
    void anAcknowledgedAppendIsOnDiskWhileTheStoreIsStillOpen() throws IOException {
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "s");
        store.append("g", "s", List.of(new LogSink.Event(1, "acknowledged")));

        // What a kill -9 leaves behind: the files as they are now, with the store never closed.
        Path crashed = Files.createDirectory(directory.resolve("crashed"));
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = directory.resolve("logs.db" + suffix);
            if (Files.exists(file)) {
                Files.copy(file, crashed.resolve("logs.db" + suffix));
            }
        }
        try (SqliteLogStore reopened = SqliteLogStore.open(crashed.resolve("logs.db"), clock)) {
            assertThat(messages(reopened.readStream("g", "s", TimeRange.ALL, null, true, 10, Long.MAX_VALUE)))
                    .containsExactly("acknowledged");
        }
    }

    private static List<String> messages(EventPage page) {
        return page.events().stream().map(StoredEvent::message).toList();
    }

    /** A clock that moves only when told to. */
    private static final class ManualClock implements InstantSource {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
