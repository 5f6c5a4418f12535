package dev.ecsd.logs;

import java.util.Comparator;

/**
 * A point in the (timestamp, id) order of events. Reads go strictly after or strictly before a position, so a
 * reader that remembers the position of the last event it saw never sees that event again, nor skips one.
 */
public record EventPosition(long timestamp, long id) implements Comparable<EventPosition> {
    /** Before every event: event timestamps are never negative and ids start at 1. */
    public static final EventPosition START = new EventPosition(0, 0);

    private static final Comparator<EventPosition> ORDER =
            Comparator.comparingLong(EventPosition::timestamp).thenComparingLong(EventPosition::id);

    /** The position just after this one: reading before it includes the event at this position. */
    public EventPosition next() {
        return new EventPosition(timestamp, id + 1);
    }

    /**
     * The position just before this one: reading after it includes the event at this position. No event has id 0,
     * so reading after ({@code timestamp}, 0) already includes everything from there on.
     */
    public EventPosition previous() {
        return id > 0 ? new EventPosition(timestamp, id - 1) : this;
    }

    @Override
    public int compareTo(EventPosition other) {
        return ORDER.compare(this, other);
    }
}
