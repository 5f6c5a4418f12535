package dev.ecsd.logs;

/**
 * A log stream as the store keeps it. The event timestamps and ingestion time are null until the first event;
 * {@code uploadSequence} counts the appends, which is what its sequence token is made from.
 */
public record LogStream(
        String groupName,
        String name,
        long creationTime,
        Long firstEventTimestamp,
        Long lastEventTimestamp,
        Long lastIngestionTime,
        long uploadSequence,
        long storedBytes) {
    /** The stream after an append of events from {@code first} to {@code last}, of {@code bytes} in all. */
    public LogStream afterAppend(long first, long last, long ingestionTime, long bytes) {
        return new LogStream(groupName, name, creationTime,
                firstEventTimestamp == null ? first : Math.min(firstEventTimestamp, first),
                lastEventTimestamp == null ? last : Math.max(lastEventTimestamp, last),
                ingestionTime, uploadSequence + 1, storedBytes + bytes);
    }
}
