package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.testing.MemoryLogSink;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A follow the engine ends before the container's last lines: the shipper reads again and ships each line once. */
class LogShipperTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** The container's whole output; three lines share one instant, as lines of a burst can. */
    private static final List<LogLine> OUTPUT = List.of(
            line(0, "one"), line(1, "two"), line(1, "three"), line(1, "four"), line(2, "five"), line(3, "last"));

    @Test
    void linesTheFirstFollowMissedAreShippedOnceTheContainerHasStopped() throws Exception {
        List<Instant> followedFrom = new CopyOnWriteArrayList<>();
        // the first follow ends after "three", as the engine did under load; later reads are complete
        ContainerRuntime runtime = runtime(followedFrom, List.of(OUTPUT.subList(0, 3), OUTPUT), false);
        MemoryLogSink sink = new MemoryLogSink();

        LogShipper shipper = LogShipper.start(runtime, sink, dev.ecsd.testing.RealTime.TIMER, "container", "group", "stream");

        assertThat(shipper.awaitDrained(Duration.ofSeconds(30))).isTrue();
        assertThat(sink.messages("group", "stream")).containsExactly("one", "two", "three", "four", "five", "last");
        assertThat(followedFrom).as("read again from the newest line received").containsExactly(null, T.plusMillis(1));
    }

    @Test
    void aFollowThatBreaksWhileTheContainerRunsIsOpenedAgain() throws Exception {
        List<Instant> followedFrom = new CopyOnWriteArrayList<>();
        ContainerRuntime runtime = runtime(followedFrom,
                List.of(OUTPUT.subList(0, 2), OUTPUT.subList(0, 5), OUTPUT), true);
        MemoryLogSink sink = new MemoryLogSink();

        LogShipper shipper = LogShipper.start(runtime, sink, dev.ecsd.testing.RealTime.TIMER, "container", "group", "stream");

        assertThat(shipper.awaitDrained(Duration.ofSeconds(30))).isTrue();
        assertThat(sink.messages("group", "stream")).containsExactly("one", "two", "three", "four", "five", "last");
        assertThat(followedFrom).hasSize(3);
    }

    private static LogLine line(int millis, String message) {
        return new LogLine(T.plusMillis(millis), "stdout", message);
    }

    /**
     * A runtime whose n-th follow delivers {@code reads[n]} (from its {@code since}) and ends at once; the container
     * runs until the last read has begun when {@code runningUntilLastRead}, else it has stopped already.
     */
    private static ContainerRuntime runtime(List<Instant> followedFrom, List<List<LogLine>> reads,
            boolean runningUntilLastRead) {
        return (ContainerRuntime) Proxy.newProxyInstance(LogShipperTest.class.getClassLoader(),
                new Class<?>[] {ContainerRuntime.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "followLogs" -> {
                        Instant since = (Instant) arguments[1];
                        @SuppressWarnings("unchecked")
                        Consumer<LogLine> consumer = (Consumer<LogLine>) arguments[2];
                        List<LogLine> read = reads.get(Math.min(followedFrom.size(), reads.size() - 1));
                        followedFrom.add(since);
                        read.stream().filter(l -> since == null || !l.timestamp().isBefore(since)).forEach(consumer);
                        yield new ContainerRuntime.LogFollower() {
                            @Override
                            public void close() {
                            }

                            @Override
                            public boolean isDone() {
                                return true;
                            }
                        };
                    }
                    case "inspect" -> {
                        boolean running = runningUntilLastRead && followedFrom.size() < reads.size() - 1;
                        yield Optional.of(new ContainerObservation("container", "name", Map.of(),
                                running ? ContainerObservation.State.RUNNING : ContainerObservation.State.EXITED,
                                running ? null : 0, false, ContainerObservation.Health.NONE, T, null, List.of(),
                                null, null));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
