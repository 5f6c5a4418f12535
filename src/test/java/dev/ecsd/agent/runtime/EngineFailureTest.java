package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerRuntime.ContainerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How {@link DockerRuntime} copes with an engine that hangs, drops its event stream, or answers in chunks. */
@Timeout(60)
class EngineFailureTest {
    private static final String VERSION = "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";

    private static DockerRuntime runtime(FakeEngine engine, Duration timeout, int permits) {
        return new DockerRuntime(DockerRuntime.Options.fromEnvironment().withHost(engine.host())
                .withOperationTimeout(timeout).withMaxConcurrentOperations(permits));
    }

    @Test
    void aCallTheEngineNeverAnswersTimesOutAndFreesItsPermit() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeEngine engine = new FakeEngine((request, out, connection) -> never.await());
             DockerRuntime runtime = runtime(engine, Duration.ofMillis(300), 2)) {
            long began = System.nanoTime();
            assertThatThrownBy(runtime::ping).isInstanceOfSatisfying(RuntimeFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(RuntimeFailure.Kind.TIMEOUT);
                assertThat(failure.getMessage()).contains(engine.host().toString()).contains("0.3 s");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
            await().atMost(Duration.ofSeconds(5)).until(() -> runtime.operationsInFlight() == 0);
        }
    }

    @Test
    void callsBeyondTheBoundWaitForAPermitWithinTheirDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        try (FakeEngine engine = new FakeEngine((request, out, connection) -> {
            release.await();
            answered.incrementAndGet();
            FakeEngine.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + VERSION.length() + "\r\n\r\n" + VERSION);
        }); DockerRuntime runtime = runtime(engine, Duration.ofSeconds(10), 2);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> pings = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pings.add(CompletableFuture.supplyAsync(runtime::ping, threads));
            }
            await().until(() -> engine.requestLines().size() == 2);
            assertThat(runtime.operationsInFlight()).isEqualTo(2);
            release.countDown();
            for (CompletableFuture<String> ping : pings) {
                assertThat(ping.get()).contains("20.10.24");
            }
            assertThat(runtime.peakOperationsInFlight()).isEqualTo(2);
            assertThat(answered).hasValue(4);
        }
    }

    @Test
    void stopsWaitingForContainersDoNotStarveOtherCalls() throws Exception {
        CountDownLatch containersExit = new CountDownLatch(1);
        try (FakeEngine engine = new FakeEngine((request, out, connection) -> {
            if (request.contains("/stop")) {
                containersExit.await();
                FakeEngine.write(out, "HTTP/1.1 204 No Content\r\n\r\n");
            } else {
                FakeEngine.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + VERSION.length() + "\r\n\r\n" + VERSION);
            }
        }); DockerRuntime runtime = runtime(engine, Duration.ofSeconds(5), 2);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "slow-" + i;
                stops.add(CompletableFuture.runAsync(() -> runtime.stopContainer(id, Duration.ofSeconds(30)), threads));
            }
            await().until(() -> engine.requestLines().size() == 2);
            assertThat(runtime.ping()).contains("20.10.24");
            containersExit.countDown();
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get();
        }
    }

    @Test
    void theEventStreamIsReopenedFromTheLastEventAndReplaysAreDroppedOnce() throws Exception {
        String die = event("aaa", "die", 1_700_000_000_123_456_789L);
        String start = event("bbb", "start", 1_700_000_001_000_000_000L);
        String execStart = event("bbb", "exec_start: sh -c true", 1_700_000_001_500_000_000L);
        AtomicInteger connection = new AtomicInteger();
        CountDownLatch end = new CountDownLatch(1);
        try (FakeEngine engine = new FakeEngine((request, out, channel) -> {
            FakeEngine.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            if (connection.incrementAndGet() == 1) {
                FakeEngine.chunk(out, die);
                channel.close(); // the stream drops
            } else {
                FakeEngine.chunk(out, die); // the engine replays from `since`, inclusive
                FakeEngine.chunk(out, start + execStart);
                end.await();
            }
        }); DockerRuntime runtime = runtime(engine, Duration.ofSeconds(5), 4)) {
            List<ContainerEvent> heard = new CopyOnWriteArrayList<>();
            runtime.subscribe(heard::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 2);

            assertThat(heard).containsExactly(new ContainerEvent("aaa", ContainerEvent.Type.EXIT),
                    new ContainerEvent("bbb", ContainerEvent.Type.START));
            assertThat(engine.requestLines().get(0)).doesNotContain("since=");
            assertThat(engine.requestLines().get(1)).contains("since=");
            assertThat(engine.requestLines().get(1)).contains("since=1700000000.123456789");
            assertThat(runtime.operationsInFlight()).isZero(); // an open stream holds no permit
            end.countDown();
        }
    }

    private static String event(String id, String action, long timeNano) {
        return "{\"status\":\"" + action + "\",\"id\":\"" + id + "\",\"from\":\"img\",\"Type\":\"container\",\"Action\":\""
                + action + "\",\"Actor\":{\"ID\":\"" + id + "\",\"Attributes\":{}},\"scope\":\"local\",\"time\":"
                + timeNano / 1_000_000_000L + ",\"timeNano\":" + timeNano + "}\n";
    }
}
