package dev.ecsd.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/** The level names the server's {@code --log-level} accepts: SLF4J's, in lower case. */
public final class LogLevels {
    private LogLevels() {
    }

    /** {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}, in any case. */
    public static Level parse(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Level level : Level.values()) {
            if (level.name().equals(wanted)) {
                return level;
            }
        }
        throw new IllegalArgumentException("must be error, warn, info, debug or trace, not " + name);
    }

    /** Whether an event of {@code level} passes a threshold: ERROR is the most severe and passes every one. */
    static boolean passes(Level level, Level threshold) {
        // SLF4J numbers its levels from TRACE (0) up to ERROR (40)
        return level.toInt() >= threshold.toInt();
    }
}
