package dev.ecsd.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and durations; the page's script turns absolute times into relative ones. */
public final class ConsoleFormat {
    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleFormat() {
    }

    public static String absolute(Instant at) {
        return at == null ? "" : ABSOLUTE.format(at);
    }

    /** A duration as a person reads it: 850 ms, 12.3 s, 4 min 5 s, 2 h 3 min. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3_600 + " h " + (seconds % 3_600) / 60 + " min";
    }
}
