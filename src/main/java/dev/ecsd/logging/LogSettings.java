package dev.ecsd.logging;

import java.io.PrintStream;
import java.util.List;
import org.slf4j.event.Level;

/**
 * The process's log settings: the level, the format and where lines go. Loggers read them at every event, not when
 * they are made, so {@code ecsd server} sets them from its options before its first line whatever classes were loaded
 * before. The system properties {@value #LEVEL_PROPERTY} and {@value #FORMAT_PROPERTY} set them for any JVM from its
 * start (tests, tools). Jetty's and docker-java's loggers never say more than warnings: their info lines are about
 * their own plumbing, not about ecsd's work.
 */
public final class LogSettings {
    public static final String LEVEL_PROPERTY = "ecsd.log.level";
    public static final String FORMAT_PROPERTY = "ecsd.log.format";
    private static final List<String> QUIET_LIBRARIES = List.of("org.eclipse.jetty", "com.github.dockerjava");

    private static volatile Level level = fromProperty(LEVEL_PROPERTY, Level.INFO);
    private static volatile LogFormat format = formatFromProperty();
    /** Where lines go; null for {@code System.err} as it is when a line is written (tests replace it). */
    private static volatile PrintStream sink;

    private LogSettings() {
    }

    /** Sets the level and the format of every logger, those made already included. */
    public static void configure(LogFormat newFormat, Level newLevel) {
        format = newFormat;
        level = newLevel;
    }

    public static Level level() {
        return level;
    }

    public static LogFormat format() {
        return format;
    }

    /** Writes lines to {@code stream}; null to write them to {@code System.err} again. */
    public static void writeTo(PrintStream stream) {
        sink = stream;
    }

    /** Whether a logger of a quiet library ({@link #QUIET_LIBRARIES}): it says warnings and errors only. */
    static boolean isQuiet(String loggerName) {
        return QUIET_LIBRARIES.stream().anyMatch(prefix -> loggerName.startsWith(prefix + ".")
                || loggerName.equals(prefix));
    }

    static boolean enabled(boolean quiet, Level eventLevel) {
        Level threshold = level;
        if (quiet && !LogLevels.passes(threshold, Level.WARN)) {
            threshold = Level.WARN;
        }
        return LogLevels.passes(eventLevel, threshold);
    }

    /** Writes one entry in the current format, whole: lines of concurrent events never interleave. */
    static void write(LogEntry entry) {
        String line = format.format(entry);
        PrintStream out = sink != null ? sink : System.err;
        // PrintStream.println holds the stream's lock for the whole line
        out.println(line);
    }

    private static Level fromProperty(String property, Level fallback) {
        try {
            String value = System.getProperty(property);
            return value == null ? fallback : LogLevels.parse(value);
        } catch (IllegalArgumentException e) {
            return fallback; // nothing can be logged yet: the server's own option is checked and reported
        }
    }

    private static LogFormat formatFromProperty() {
        try {
            String value = System.getProperty(FORMAT_PROPERTY);
            return value == null ? LogFormat.TEXT : LogFormat.parse(value);
        } catch (IllegalArgumentException e) {
            return LogFormat.TEXT;
        }
    }
}
