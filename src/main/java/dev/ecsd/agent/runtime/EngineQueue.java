package dev.ecsd.agent.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The permits of an engine's calls, handed to waiters most urgent first ({@link EngineUrgency}), in arrival order
 * among equals. A waiter that has waited longer than {@code patience} goes before any other, so that routine calls
 * (removals, say) are delayed by a burst of starts, never starved. The bound on calls in flight is the permit count,
 * whatever the order.
 */
final class EngineQueue {
    /** Most urgent first, then first come. */
    static final Comparator<Ticket> ORDER = Comparator.comparing(Ticket::urgency).reversed()
            .thenComparingLong(Ticket::sequence);

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Ticket, Waiter> waiting = new LinkedHashMap<>();
    private final LongSupplier nanoTime;
    private final long patienceNanos;
    private int free;
    private long arrivals;

    EngineQueue(int permits, Duration patience, LongSupplier nanoTime) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one concurrent engine operation is needed");
        }
        this.free = permits;
        this.patienceNanos = patience.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A call's place in the queue: how urgent, in which order it came and when (of the queue's clock). */
    record Ticket(EngineUrgency urgency, long sequence, long arrivedAt) {
    }

    /** A call waiting for its turn; guarded by the queue's lock. */
    private static final class Waiter {
        private final Condition turn;
        private boolean granted;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }

    /**
     * The ticket to go next at {@code now}: the one that came first if it has waited beyond {@code patienceNanos},
     * else the most urgent. Pure.
     */
    static Ticket next(Collection<Ticket> waiting, long now, long patienceNanos) {
        Ticket oldest = waiting.stream().min(Comparator.comparingLong(Ticket::sequence)).orElseThrow();
        if (now - oldest.arrivedAt() > patienceNanos) {
            return oldest;
        }
        return waiting.stream().min(ORDER).orElseThrow();
    }

    /**
     * Waits for a permit until {@code deadline} (of the queue's clock); false if the deadline passed first. A caller
     * that gets one must {@link #release()} it.
     */
    boolean acquire(EngineUrgency urgency, long deadline) throws InterruptedException {
        lock.lock();
        try {
            if (free > 0 && waiting.isEmpty()) {
                free--;
                return true;
            }
            Ticket ticket = new Ticket(urgency, arrivals++, nanoTime.getAsLong());
            Waiter waiter = new Waiter(lock.newCondition());
            waiting.put(ticket, waiter);
            try {
                while (!waiter.granted) {
                    long left = deadline - nanoTime.getAsLong();
                    if (left <= 0) {
                        waiting.remove(ticket);
                        return false;
                    }
                    waiter.turn.await(left, TimeUnit.NANOSECONDS);
                }
                return true;
            } catch (InterruptedException e) {
                if (waiter.granted) {
                    handOn();
                } else {
                    waiting.remove(ticket);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            handOn();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a permit to the next waiter, or back to the pool. Holds the lock. */
    private void handOn() {
        if (waiting.isEmpty()) {
            free++;
            return;
        }
        Waiter next = waiting.remove(next(waiting.keySet(), nanoTime.getAsLong(), patienceNanos));
        next.granted = true;
        next.turn.signal();
    }

    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }
}
