package dev.ecsd.testing;

import dev.ecsd.time.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time for tests: it moves only when a test advances it, and each advance runs the actions that became
 * due in time order, with the clock reading each action's own instant while it runs, on the advancing thread. An
 * action scheduled at or before now runs at once on the scheduling thread (actions only wake or enqueue). It is a
 * {@link Clock} too, so SDK clients can sign requests at the same virtual time.
 */
public final class VirtualTimer extends Clock implements Timer {
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private record Entry(Instant at, long sequence, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock advancing = new ReentrantLock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private volatile Instant now;
    private long sequence;

    public VirtualTimer(Instant start) {
        this.now = start;
    }

    public VirtualTimer() {
        this(START);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("a VirtualTimer is in UTC");
    }

    @Override
    public Scheduled schedule(Instant at, Runnable action) {
        Entry entry;
        lock.lock();
        try {
            if (!at.isAfter(now)) {
                entry = null;
            } else {
                entry = new Entry(at, sequence++, action);
                queue.add(entry);
            }
        } finally {
            lock.unlock();
        }
        if (entry == null) {
            action.run();
            return () -> { };
        }
        return () -> {
            lock.lock();
            try {
                queue.remove(entry);
            } finally {
                lock.unlock();
            }
        };
    }

    /** Moves time on by {@code duration}, running every action due on the way, in order. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        advanceTo(now.plus(duration));
    }

    /** Moves time to {@code target}, running every action due on the way, in order. */
    public void advanceTo(Instant target) {
        advancing.lock();
        try {
            if (target.isBefore(now)) {
                throw new IllegalArgumentException("time does not go back: " + target + " is before " + now);
            }
            while (true) {
                Entry next;
                lock.lock();
                try {
                    next = queue.peek();
                    if (next == null || next.at().isAfter(target)) {
                        now = target;
                        return;
                    }
                    queue.poll();
                    now = next.at();
                } finally {
                    lock.unlock();
                }
                next.action().run();
            }
        } finally {
            advancing.unlock();
        }
    }

    /** When the next scheduled action is due, if any. */
    public Optional<Instant> nextDue() {
        lock.lock();
        try {
            return Optional.ofNullable(queue.peek()).map(Entry::at);
        } finally {
            lock.unlock();
        }
    }

    /** How many actions wait for time to pass. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The instants of the pending actions, earliest first. */
    public List<Instant> pendingInstants() {
        lock.lock();
        try {
            List<Entry> entries = new ArrayList<>(queue);
            entries.sort(null);
            return entries.stream().map(Entry::at).toList();
        } finally {
            lock.unlock();
        }
    }
}
