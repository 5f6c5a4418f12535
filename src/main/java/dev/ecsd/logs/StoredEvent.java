package dev.ecsd.logs;

/**
 * A log event as stored: {@code id} is unique in the store and grows with every append, so
 * ({@code timestamp}, {@code id}) orders events totally, even those with the same timestamp.
 */
public record StoredEvent(long id, String streamName, long timestamp, long ingestionTime, String message) {
    public EventPosition position() {
        return new EventPosition(timestamp, id);
    }
}
