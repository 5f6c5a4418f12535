package dev.ecsd.control.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Back-off, delayed requeues and resync, asserted at exact virtual instants on the test's thread. */
class VirtualTimeTest {
    private static final Duration RARELY = Duration.ofDays(1);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    private final VirtualTimer timer = new VirtualTimer();
    private final Instant start = timer.instant();
    private final RecordingReconciler reconciler = new RecordingReconciler(timer);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final ControllerRuntime runtime = new ControllerRuntime(timer, LeaderGate.alwaysOpen(), true,
            warnings::add);

    private Controller register() {
        return runtime.register("services", reconciler, List::of, RARELY, 1, BACKOFF);
    }

    private Instant at(long millis) {
        return start.plusMillis(millis);
    }

    /** Asserts that exactly one reconcile of {@code key} runs at {@code due} and none in the moment before. */
    private void assertRunsExactlyAt(String key, Instant due) {
        int before = reconciler.instantsOf(key).size();
        timer.advanceTo(due.minusNanos(1));
        assertThat(runtime.runUntilIdle()).as("reconciles just before %s", due).isZero();
        timer.advanceTo(due);
        assertThat(runtime.runUntilIdle()).as("reconciles at %s", due).isEqualTo(1);
        assertThat(reconciler.instantsOf(key)).hasSize(before + 1).last().isEqualTo(due);
    }

    @Test
    void aFailingKeyIsRetriedAtTheBaseThenDoublingUpToTheCap() {
        reconciler.doing((key, run) -> {
            if (run <= 5) {
                throw new IllegalStateException("store busy " + run);
            }
            return Outcome.done();
        });
        Controller controller = register();

        controller.enqueue("svc");
        assertThat(runtime.runUntilIdle()).isEqualTo(1);
        assertRunsExactlyAt("svc", at(100));
        assertRunsExactlyAt("svc", at(300));
        assertRunsExactlyAt("svc", at(700));
        assertRunsExactlyAt("svc", at(1_500));
        assertRunsExactlyAt("svc", at(2_500)); // 1 600 ms would have been next: capped at 1 s

        assertThat(reconciler.instantsOf("svc"))
                .containsExactly(start, at(100), at(300), at(700), at(1_500), at(2_500));
        assertThat(controller.scheduledRequeues()).isZero();
        assertThat(controller.failures()).isEqualTo(5);
        assertThat(controller.reconciles()).isEqualTo(6);
        timer.advance(Duration.ofMinutes(10));
        assertThat(runtime.runUntilIdle()).isZero();
    }

    @Test
    void eachFailureLogsOneLineWithTheAttemptTheErrorAndTheNextDelay() {
        reconciler.doing((key, run) -> {
            throw new IllegalStateException("store busy");
        });
        Controller controller = register();

        controller.enqueue("svc");
        runtime.runUntilIdle();
        timer.advance(Duration.ofMillis(100));
        runtime.runUntilIdle();

        assertThat(warnings).containsExactly(
                "services: reconcile of svc failed (attempt 1): java.lang.IllegalStateException: store busy; "
                        + "retrying in 100 ms",
                "services: reconcile of svc failed (attempt 2): java.lang.IllegalStateException: store busy; "
                        + "retrying in 200 ms");
    }

    @Test
    void aSuccessResetsTheBackoff() {
        reconciler.doing((key, run) -> {
            if (run == 3) {
                return Outcome.done();
            }
            throw new IllegalStateException("no");
        });
        Controller controller = register();

        controller.enqueue("svc");
        runtime.runUntilIdle();
        assertRunsExactlyAt("svc", at(100));
        assertRunsExactlyAt("svc", at(300)); // succeeds
        timer.advanceTo(at(1_000));
        controller.enqueue("svc");
        assertThat(runtime.runUntilIdle()).isEqualTo(1); // fails again, its first failure in a row
        assertRunsExactlyAt("svc", at(1_100));
        assertThat(warnings).last().asString().contains("(attempt 2)");
    }

    @Test
    void enqueuesOfAKeyBackingOffAreFoldedIntoItsRetry() {
        reconciler.doing((key, run) -> {
            if (key.equals("svc") && run == 1) {
                throw new IllegalStateException("no");
            }
            return Outcome.done();
        });
        Controller controller = register();
        controller.enqueue("svc");
        controller.enqueue("other");
        runtime.runUntilIdle();

        timer.advanceTo(at(50));
        controller.enqueue("svc");
        controller.enqueue("other");
        controller.enqueueAt("svc", at(60));

        assertThat(runtime.runUntilIdle()).isEqualTo(1);
        assertThat(reconciler.keys()).containsExactly("svc", "other", "other");
        assertRunsExactlyAt("svc", at(100));
        timer.advance(Duration.ofMinutes(1));
        assertThat(runtime.runUntilIdle()).isZero();
    }

    @Test
    void aLookAgainRunsTheKeyExactlyWhenTheTimerGetsThere() {
        reconciler.doing((key, run) -> run == 1 ? Outcome.lookAgainAt(at(10_000)) : Outcome.done());
        Controller controller = register();

        controller.enqueue("svc");
        runtime.runUntilIdle();

        assertThat(controller.scheduledRequeues()).isEqualTo(1);
        assertRunsExactlyAt("svc", at(10_000));
        assertThat(controller.scheduledRequeues()).isZero();
    }

    @Test
    void aLookAgainAfterADelayCountsFromTheEndOfTheReconcile() {
        reconciler.doing((key, run) -> {
            timer.advance(Duration.ofMillis(30)); // a reconcile that takes time
            return run == 1 ? Outcome.lookAgainAfter(Duration.ofSeconds(2)) : Outcome.done();
        });
        Controller controller = register();

        controller.enqueue("svc");
        runtime.runUntilIdle();

        assertRunsExactlyAt("svc", at(2_030));
    }

    @Test
    void anEarlierRequeueReplacesALaterOneAndALaterOneIsDropped() {
        Controller controller = register();

        controller.enqueueAt("svc", at(10_000));
        controller.enqueueAt("svc", at(5_000));
        controller.enqueueAt("svc", at(7_000));

        assertThat(controller.scheduledRequeues()).isEqualTo(1);
        assertThat(timer.pendingInstants()).containsExactly(at(5_000), start.plus(RARELY));
        assertRunsExactlyAt("svc", at(5_000));
        timer.advanceTo(at(20_000));
        assertThat(runtime.runUntilIdle()).isZero();
        assertThat(reconciler.instantsOf("svc")).containsExactly(at(5_000));
    }

    @Test
    void aReconcileAskingLaterThanAWaitingRequeueKeepsTheEarlierOne() {
        reconciler.doing((key, run) -> run == 1 ? Outcome.lookAgainAt(at(9_000)) : Outcome.done());
        Controller controller = register();
        controller.enqueueAt("svc", at(4_000));

        controller.enqueue("svc");
        runtime.runUntilIdle();

        assertRunsExactlyAt("svc", at(4_000));
        timer.advanceTo(at(20_000));
        assertThat(runtime.runUntilIdle()).isZero();
    }

    @Test
    void resyncEnqueuesEveryKeyEachPeriodAndReconcilesNothingItself() {
        AtomicReference<List<String>> keys = new AtomicReference<>(List.of("a", "b"));
        AtomicInteger listings = new AtomicInteger();
        Controller controller = runtime.register("services", reconciler, () -> {
            listings.incrementAndGet();
            return keys.get();
        }, Duration.ofSeconds(30), 1, BACKOFF);

        // The first pass runs at registration, so a controller starting up looks at everything once.
        assertThat(listings).hasValue(1);
        assertThat(controller.queueDepth()).isEqualTo(2);
        assertThat(reconciler.runs()).isEmpty();
        assertThat(runtime.runUntilIdle()).isEqualTo(2);

        timer.advanceTo(at(29_999));
        assertThat(listings).hasValue(1);
        assertThat(controller.queueDepth()).isZero();
        timer.advanceTo(at(30_000));
        assertThat(listings).hasValue(2);
        assertThat(controller.queueDepth()).isEqualTo(2);
        assertThat(reconciler.runs()).hasSize(2);

        keys.set(List.of("b", "c"));
        timer.advanceTo(at(60_000));
        assertThat(listings).hasValue(3);
        assertThat(controller.queueDepth()).isEqualTo(3);
        assertThat(reconciler.runs()).hasSize(2);

        assertThat(runtime.runUntilIdle()).isEqualTo(3);
        assertThat(reconciler.runs()).extracting(RecordingReconciler.Run::key, RecordingReconciler.Run::at)
                .containsExactly(tuple("a", start), tuple("b", start),
                        tuple("a", at(60_000)), tuple("b", at(60_000)), tuple("c", at(60_000)));
    }

    @Test
    void aResyncThatCannotListItsKeysLogsAndTriesAgainNextPeriod() {
        AtomicInteger listings = new AtomicInteger();
        Controller controller = runtime.register("services", reconciler, () -> {
            if (listings.incrementAndGet() == 2) {
                throw new IllegalStateException("snapshot unavailable");
            }
            return List.of("a");
        }, Duration.ofSeconds(30), 1, BACKOFF);
        runtime.runUntilIdle();

        timer.advanceTo(at(30_000));
        assertThat(controller.queueDepth()).isZero();
        assertThat(warnings).containsExactly(
                "services: resync could not list the keys: java.lang.IllegalStateException: snapshot unavailable");
        timer.advanceTo(at(60_000));

        assertThat(controller.queueDepth()).isEqualTo(1);
        assertThat(listings).hasValue(3);
    }
}
