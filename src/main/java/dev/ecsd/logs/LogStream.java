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
}
