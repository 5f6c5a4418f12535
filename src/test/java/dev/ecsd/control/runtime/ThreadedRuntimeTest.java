package dev.ecsd.control.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only worker threads can show: one reconcile per key at a time, other keys alongside, waking on the gate. */
class ThreadedRuntimeTest {
    private static final Duration RARELY = Duration.ofDays(1);
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** How long a test watches for something that must not happen. */

    private final VirtualTimer timer = new VirtualTimer();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private ControllerRuntime runtime;

    @AfterEach
    void closeRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Wraps a reconcile with the bookkeeping that measures how many reconciles of one key overlap. */
    private Reconciler measured(Reconciler inner) {
        return key -> {
            int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            mostAtOnce.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                return inner.reconcile(key);
            } finally {
                running.get(key).decrementAndGet();
                runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    private int runsOf(String key) {
        return runs.getOrDefault(key, new AtomicInteger()).get();
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the latch was not released in time");
        }
    }

    @Test
    void aKeyEnqueuedDuringItsReconcileRunsAfterItWhileOtherKeysRunAlongside() throws Exception {
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch bothOthersIn = new CountDownLatch(2);
        AtomicBoolean othersOverlapped = new AtomicBoolean();
        runtime = ControllerRuntime.threaded(timer);
        AtomicInteger aRuns = new AtomicInteger();
        Controller controller = runtime.register("services", measured(key -> {
            if (key.equals("a") && aRuns.incrementAndGet() == 1) {
                aStarted.countDown();
                awaitLatch(releaseA);
            } else if (!key.equals("a")) {
                bothOthersIn.countDown();
                // b and c only get past here if they are reconciled at the same time.
                othersOverlapped.set(bothOthersIn.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            }
            return Outcome.done();
        }), List::of, RARELY, 4);

        controller.enqueue("a");
        awaitLatch(aStarted);
        controller.enqueue("a");
        controller.enqueue("a");
        controller.enqueue("a");
        controller.enqueue("b");
        controller.enqueue("c");

        await().atMost(BOUND).until(() -> runsOf("b") == 1 && runsOf("c") == 1);
        assertThat(othersOverlapped).isTrue();
        assertThat(runsOf("a")).isZero();
        assertThat(controller.inFlight()).isEqualTo(1);
        assertThat(controller.queueDepth()).isEqualTo(1);

        releaseA.countDown();
        await().atMost(BOUND).until(() -> controller.inFlight() == 0 && controller.queueDepth() == 0);

        assertThat(runsOf("a")).isEqualTo(2);
        assertThat(mostAtOnce.get("a")).hasValue(1);
        assertThat(controller.reconciles()).isEqualTo(4);
    }

    @Test
    void manyProducersAndWorkersNeverReconcileOneKeyTwiceAtOnce() throws Exception {
        runtime = ControllerRuntime.threaded(timer);
        List<String> keys = List.of("k0", "k1", "k2", "k3", "k4");
        Controller controller = runtime.register("services", measured(key -> {
            Thread.yield();
            return Outcome.done();
        }), List::of, RARELY, 8);

        List<Thread> producers = java.util.stream.IntStream.range(0, 4).mapToObj(p -> Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 2_000; i++) {
                controller.enqueue(keys.get((i + p) % keys.size()));
                if (i % 50 == 0) {
                    Thread.yield();
                }
            }
        })).toList();
        for (Thread producer : producers) {
            assertThat(producer.join(BOUND)).isTrue();
        }
        await().atMost(BOUND).until(() -> controller.inFlight() == 0 && controller.queueDepth() == 0);

        assertThat(mostAtOnce.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        mostAtOnce.forEach((key, most) -> assertThat(most).as(key).hasValue(1));
        assertThat(controller.reconciles()).isBetween((long) keys.size(), 8_000L);
    }

    @Test
    void workersWaitOnAClosedGateAndRunTheQueueWhenItOpens() {
        AtomicBoolean leader = new AtomicBoolean(false);
        runtime = ControllerRuntime.threaded(timer, leader::get);
        Controller controller = runtime.register("services", measured(key -> Outcome.done()), List::of, RARELY, 2);

        controller.enqueue("a");
        controller.enqueue("b");
        // Parked without a deadline with keys queued: a closed gate lets no worker take a key, and a worker in an
        // untimed wait wakes only when signalled, so no while of real time is needed to show it.
        awaitParkedWithoutDeadline(controller.workerThreads());
        assertThat(controller.reconciles()).isZero();
        assertThat(controller.queueDepth()).isEqualTo(2);

        // Opening alone wakes no one: nothing polls, neither in real time (the waits have no deadline) nor on the
        // timer (a day of virtual time passes without a reconcile).
        leader.set(true);
        timer.advance(RARELY.minusSeconds(1));
        awaitParkedWithoutDeadline(controller.workerThreads());
        assertThat(controller.reconciles()).isZero();
        runtime.leadershipChanged();

        await().atMost(BOUND).until(() -> controller.reconciles() == 2);
        assertThat(controller.queueDepth()).isZero();
    }

    @Test
    void aDelayedRequeueWakesAWorkerWhenTheTimerGetsThere() {
        runtime = ControllerRuntime.threaded(timer);
        AtomicInteger calls = new AtomicInteger();
        Controller controller = runtime.register("services", measured(key -> calls.incrementAndGet() == 1
                ? Outcome.lookAgainAfter(Duration.ofSeconds(5)) : Outcome.done()), List::of, RARELY, 2);

        controller.enqueue("a");
        await().atMost(BOUND).until(() -> controller.reconciles() == 1 && controller.scheduledRequeues() == 1);
        timer.advance(Duration.ofMillis(4_999));
        // The advance fired everything due before returning: the requeue still waits on the timer, its key unqueued.
        assertThat(controller.scheduledRequeues()).isEqualTo(1);
        assertThat(controller.queueDepth()).isZero();
        assertThat(controller.reconciles()).isEqualTo(1);
        timer.advance(Duration.ofMillis(1));

        await().atMost(BOUND).until(() -> controller.reconciles() == 2);
    }

    @Test
    void closeWaitsForTheReconcileInFlightAndNothingRunsAfterIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runtime = ControllerRuntime.threaded(timer);
        Controller controller = runtime.register("services", measured(key -> {
            started.countDown();
            awaitLatch(release);
            return Outcome.lookAgainAfter(Duration.ofSeconds(1));
        }), List::of, RARELY, 2);
        controller.enqueue("a");
        awaitLatch(started);
        controller.enqueue("b");
        await().atMost(BOUND).until(() -> controller.inFlight() == 2);

        AtomicBoolean closed = new AtomicBoolean();
        Thread closing = Thread.ofVirtual().start(() -> {
            runtime.close();
            closed.set(true);
        });
        // Parked in close, waiting for the reconciles in flight: it cannot return until they end.
        awaitParked(List.of(closing));
        assertThat(closed).isFalse();
        release.countDown();
        assertThat(closing.join(BOUND)).isTrue();

        assertThat(controller.reconciles()).isEqualTo(2);
        assertThat(controller.scheduledRequeues()).isZero();
        for (Thread worker : controller.workerThreads()) {
            assertThat(worker.join(BOUND)).isTrue();
        }
        controller.enqueue("c");
        timer.advance(Duration.ofMinutes(1));
        assertThat(controller.reconciles()).isEqualTo(2);
        assertThat(timer.pending()).isZero();
    }

    /** Waits until every one of {@code threads} is parked with no deadline: only a signal wakes it. */
    private static void awaitParkedWithoutDeadline(List<Thread> threads) {
        await().atMost(BOUND).until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    }

    /** Waits until every one of {@code threads} is parked (waiting on a lock's condition or a latch). */
    private static void awaitParked(List<Thread> threads) {
        await().atMost(BOUND).until(() -> threads.stream().allMatch(
                t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING));
    }
}
