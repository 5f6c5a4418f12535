package dev.ecsd.control.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The queue's rules, run on the test's thread: coalescing, order, re-runs, the leader gate, close. */
class ManualRuntimeTest {
    private static final Duration RARELY = Duration.ofDays(1);

    private final VirtualTimer timer = new VirtualTimer();
    private final RecordingReconciler reconciler = new RecordingReconciler(timer);
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private Controller registerOn(ControllerRuntime runtime) {
        return runtime.register("services", reconciler, List::of, RARELY, 1);
    }

    @Test
    void manyEnqueuesOfAQueuedKeyMakeOneReconcile() {
        ControllerRuntime runtime = ControllerRuntime.manual(timer);
        Controller controller = registerOn(runtime);

        for (int i = 0; i < 5; i++) {
            controller.enqueue("a");
        }
        controller.enqueue("b");
        controller.enqueueAll(List.of("a", "b", "a"));

        assertThat(controller.queueDepth()).isEqualTo(2);
        assertThat(reconciler.runs()).isEmpty();
        assertThat(runtime.runUntilIdle()).isEqualTo(2);
        assertThat(reconciler.keys()).containsExactly("a", "b");
        assertThat(controller.queueDepth()).isZero();
        assertThat(controller.reconciles()).isEqualTo(2);
    }

    @Test
    void keysRunInTheOrderTheyWereFirstQueued() {
        ControllerRuntime runtime = ControllerRuntime.manual(timer);
        Controller controller = registerOn(runtime);

        List.of("c", "a", "b", "a", "c").forEach(controller::enqueue);
        runtime.runUntilIdle();

        assertThat(reconciler.keys()).containsExactly("c", "a", "b");
    }

    @Test
    void aKeyEnqueuedDuringItsOwnReconcileRunsOnceMoreAfterIt() {
        ControllerRuntime runtime = ControllerRuntime.manual(timer);
        List<Integer> depthsSeenInside = new ArrayList<>();
        Controller[] self = new Controller[1];
        reconciler.doing((key, run) -> {
            if (key.equals("a") && run == 1) {
                self[0].enqueue("a");
                self[0].enqueue("a");
                self[0].enqueue("a");
                depthsSeenInside.add(self[0].queueDepth());
                depthsSeenInside.add(self[0].inFlight());
            }
            return Outcome.done();
        });
        self[0] = registerOn(runtime);

        self[0].enqueue("a");
        self[0].enqueue("b");

        assertThat(runtime.runUntilIdle()).isEqualTo(3);
        // b was queued before a came back, so a's second run goes behind it.
        assertThat(reconciler.keys()).containsExactly("a", "b", "a");
        assertThat(depthsSeenInside).containsExactly(2, 1);
    }

    @Test
    void countsReconcilesAndFailures() {
        ControllerRuntime runtime = ControllerRuntime.manual(timer);
        reconciler.doing((key, run) -> {
            if (key.equals("bad")) {
                throw new IllegalStateException("no");
            }
            return Outcome.done();
        });
        Controller controller = registerOn(runtime);

        List.of("a", "bad", "c").forEach(controller::enqueue);
        assertThat(controller.queueDepth()).isEqualTo(3);
        runtime.runUntilIdle();

        assertThat(controller.reconciles()).isEqualTo(3);
        assertThat(controller.failures()).isEqualTo(1);
        assertThat(controller.inFlight()).isZero();
        assertThat(controller.queueDepth()).isZero();
        assertThat(controller.scheduledRequeues()).isEqualTo(1);
        assertThat(controller.name()).isEqualTo("services");
    }

    @Test
    void aReconcileThatAlwaysAsksForItselfNowIsCalledALivelock() {
        ControllerRuntime runtime = ControllerRuntime.manual(timer);
        reconciler.doing((key, run) -> Outcome.lookAgainAt(timer.instant()));
        Controller controller = registerOn(runtime);

        controller.enqueue("a");

        assertThatThrownBy(() -> runtime.runUntilIdle(50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still busy after 50 reconciles");
        assertThat(reconciler.runs()).hasSize(50);
    }

    @Test
    void aManualRuntimeStartsNoThreadsAndAThreadedOneIsNotRunByHand() {
        try (ControllerRuntime manual = ControllerRuntime.manual(timer);
                ControllerRuntime threaded = ControllerRuntime.threaded(timer)) {
            assertThat(manual.register("m", reconciler, List::of, RARELY, 4).workerThreads()).isEmpty();
            Controller onThreads = threaded.register("t", reconciler, List::of, RARELY, 4);

            assertThat(onThreads.workerThreads()).hasSize(4).allMatch(Thread::isVirtual);
            assertThatThrownBy(threaded::runUntilIdle).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(onThreads::runOnce).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void namesAreUnique() {
        ControllerRuntime runtime = ControllerRuntime.manual(timer);
        registerOn(runtime);

        assertThatThrownBy(() -> registerOn(runtime)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedLeaderGateHoldsEveryKeyUntilItOpens() {
        AtomicBoolean leader = new AtomicBoolean(false);
        ControllerRuntime runtime = ControllerRuntime.manual(timer, leader::get);
        Controller controller = registerOn(runtime);

        controller.enqueue("a");
        controller.enqueue("b");
        controller.enqueueAt("c", timer.instant().plusSeconds(1));
        timer.advance(Duration.ofSeconds(1));

        assertThat(runtime.runUntilIdle()).isZero();
        assertThat(reconciler.runs()).isEmpty();
        assertThat(controller.queueDepth()).isEqualTo(3);

        leader.set(true);
        runtime.leadershipChanged();

        assertThat(runtime.runUntilIdle()).isEqualTo(3);
        assertThat(reconciler.keys()).containsExactly("a", "b", "c");
    }

    @Test
    void nothingRunsOrWaitsOnTheTimerAfterClose() {
        ControllerRuntime runtime = new ControllerRuntime(timer, LeaderGate.alwaysOpen(), true, warnings::add);
        Controller controller = runtime.register("services", reconciler, () -> List.of("a"), Duration.ofSeconds(30), 1);
        controller.enqueueAt("b", timer.instant().plusSeconds(5));
        assertThat(timer.pending()).isEqualTo(2);

        runtime.close();
        controller.enqueue("c");
        timer.advance(Duration.ofMinutes(5));

        assertThat(runtime.runUntilIdle()).isZero();
        assertThat(reconciler.runs()).isEmpty();
        assertThat(timer.pending()).isZero();
        assertThat(controller.queueDepth()).isZero();
        assertThat(controller.scheduledRequeues()).isZero();
        assertThatThrownBy(() -> runtime.register("late", reconciler, List::of, RARELY, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReconcileMayCloseItsOwnRuntimeWithoutWaitingOnItself() {
        ControllerRuntime runtime = new ControllerRuntime(timer, LeaderGate.alwaysOpen(), true, warnings::add);
        reconciler.doing((key, run) -> {
            runtime.close();
            throw new IllegalStateException("closing");
        });
        Controller controller = registerOn(runtime);
        controller.enqueue("a");
        controller.enqueue("b");

        assertThat(runtime.runUntilIdle()).isEqualTo(1);
        assertThat(reconciler.keys()).containsExactly("a");
        // A failure seen while closing is no news: no retry is scheduled and nothing is logged.
        assertThat(controller.scheduledRequeues()).isZero();
        assertThat(warnings).isEmpty();
    }
}
