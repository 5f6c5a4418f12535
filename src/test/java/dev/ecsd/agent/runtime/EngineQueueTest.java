package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.EngineQueue.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine queue's order (a task further along first, no call starved) and its bound, without an engine. */
class EngineQueueTest {
    private static final long FAR = Long.MAX_VALUE / 4;

    @Test
    void theMostUrgentTicketGoesFirstAndEqualsInTheOrderTheyCame() {
        List<Ticket> waiting = List.of(new Ticket(EngineUrgency.ROUTINE, 0, 0), new Ticket(EngineUrgency.CREATE, 1, 0),
                new Ticket(EngineUrgency.START, 2, 0), new Ticket(EngineUrgency.CREATE, 3, 0),
                new Ticket(EngineUrgency.PROVISION, 4, 0), new Ticket(EngineUrgency.PULL, 5, 0),
                new Ticket(EngineUrgency.STOP, 6, 0));

        List<Ticket> order = new ArrayList<>();
        List<Ticket> left = new ArrayList<>(waiting);
        while (!left.isEmpty()) {
            Ticket next = EngineQueue.next(left, 0, 1_000);
            order.add(next);
            left.remove(next);
        }

        assertThat(order).extracting(Ticket::sequence).containsExactly(2L, 6L, 1L, 3L, 5L, 4L, 0L);
    }

    @Test
    void aTicketThatWaitedBeyondThePatienceGoesBeforeMoreUrgentOnes() {
        List<Ticket> waiting = List.of(new Ticket(EngineUrgency.ROUTINE, 0, 100),
                new Ticket(EngineUrgency.START, 1, 900));

        assertThat(EngineQueue.next(waiting, 1_100, 1_000).sequence()).as("waited exactly the patience").isEqualTo(1);
        assertThat(EngineQueue.next(waiting, 1_101, 1_000).sequence()).as("waited beyond it").isZero();
    }

    @Test
    void waitersGetTheFreedPermitMostUrgentFirst() throws Exception {
        EngineQueue queue = new EngineQueue(1, Duration.ofHours(1), System::nanoTime);
        assertThat(queue.acquire(EngineUrgency.ROUTINE, System.nanoTime() + Duration.ofSeconds(5).toNanos())).isTrue();
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        String[] names = {"routine", "create-1", "start", "create-2"};
        EngineUrgency[] urgencies = {EngineUrgency.ROUTINE, EngineUrgency.CREATE, EngineUrgency.START,
                EngineUrgency.CREATE};
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            EngineUrgency urgency = urgencies[i];
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (queue.acquire(urgency, System.nanoTime() + Duration.ofSeconds(30).toNanos())) {
                        served.add(name);
                        queue.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == expected);
        }

        queue.release();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }

        assertThat(served).containsExactly("start", "create-1", "create-2", "routine");
    }

    @Test
    void aRoutineCallBehindUrgentOnesIsServedOnceItsPatienceIsOver() throws Exception {
        AtomicLong clock = new AtomicLong();
        EngineQueue queue = new EngineQueue(1, Duration.ofNanos(10), clock::get);
        assertThat(queue.acquire(EngineUrgency.ROUTINE, FAR)).isTrue();
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        Thread routine = waiter(queue, EngineUrgency.ROUTINE, "routine", served);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == 1);
        clock.set(5);
        Thread start = waiter(queue, EngineUrgency.START, "start", served);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == 2);

        clock.set(11);
        queue.release();
        routine.join(Duration.ofSeconds(10));
        start.join(Duration.ofSeconds(10));

        assertThat(served).containsExactly("routine", "start");
    }

    @Test
    void aCallWhoseDeadlinePassesWaitingGivesUpAndLeavesTheQueue() throws Exception {
        EngineQueue queue = new EngineQueue(1, Duration.ofSeconds(2), System::nanoTime);
        assertThat(queue.acquire(EngineUrgency.START, System.nanoTime() + Duration.ofSeconds(5).toNanos())).isTrue();

        boolean acquired = queue.acquire(EngineUrgency.START, System.nanoTime() + Duration.ofMillis(50).toNanos());

        assertThat(acquired).isFalse();
        assertThat(queue.waiting()).isZero();
        queue.release();
        assertThat(queue.acquire(EngineUrgency.ROUTINE, System.nanoTime())).as("the permit came back").isTrue();
    }

    @Test
    void neverMoreCallsInFlightThanPermitsWhateverTheirUrgency() throws Exception {
        EngineQueue queue = new EngineQueue(3, Duration.ofMillis(1), System::nanoTime);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            EngineUrgency urgency = EngineUrgency.values()[i % EngineUrgency.values().length];
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (queue.acquire(urgency, System.nanoTime() + Duration.ofSeconds(30).toNanos())) {
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.yield();
                        inFlight.decrementAndGet();
                        done.incrementAndGet();
                        queue.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }

        assertThat(done).hasValue(60);
        assertThat(peak.get()).isBetween(1, 3);
    }

    private static Thread waiter(EngineQueue queue, EngineUrgency urgency, String name, List<String> served) {
        return Thread.ofVirtual().start(() -> {
            try {
                if (queue.acquire(urgency, FAR)) {
                    served.add(name);
                    queue.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
