package dev.ecsd.logs;

import java.util.Map;

/** A log group as the store keeps it; {@code retentionInDays} is null when events never expire. */
public record LogGroup(
        String name,
        long creationTime,
        Integer retentionInDays,
        long storedBytes,
        Map<String, String> tags,
        boolean deletionProtectionEnabled) {
    public LogGroup {
        tags = Map.copyOf(tags);
    }
}
