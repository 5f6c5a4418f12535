package dev.ecsd.logs;

/**
 * A log event as stored: {@code id} is unique in the store and grows with every append, so
 * ({@code timestamp}, {@code id}) orders events totally, even those with the same timestamp.
 */
public record StoredEvent(long id, String streamName, long timestamp, long ingestionTime, String message) {
    /** What CloudWatch Logs counts for each event on top of its message's UTF-8 bytes, in batch and page sizes. */
    public static final int OVERHEAD_BYTES = 26;

    public EventPosition position() {
        return new EventPosition(timestamp, id);
    }
}
