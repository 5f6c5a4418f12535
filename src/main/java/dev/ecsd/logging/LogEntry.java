package dev.ecsd.logging;

import java.time.Instant;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * One event to write: its message already formatted, the key/values it carries (SLF4J 2's {@code addKeyValue}), and
 * the error it was logged with, if any.
 */
public record LogEntry(Instant time, Level level, String logger, String message, List<KeyValuePair> keyValues,
        Throwable error) {

    public LogEntry {
        keyValues = keyValues == null ? List.of() : List.copyOf(keyValues);
    }
}
