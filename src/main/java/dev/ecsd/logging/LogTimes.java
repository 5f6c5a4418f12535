package dev.ecsd.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** An event's time as both formats write it: UTC, milliseconds always shown, so every line's columns align. */
final class LogTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LogTimes() {
    }

    static String format(Instant time) {
        return TIME.format(time);
    }
}
