package dev.ecsd.logging;

import java.time.Instant;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * ecsd's SLF4J logger: classic calls ({@code LOG.info("... {}", x)}) and the fluent API with key/values
 * ({@code LOG.atWarn().addKeyValue("task", id).log("...")}) both end up as one {@link LogEntry} written in the
 * configured format. Markers are ignored. The time is the wall clock's: a log line says when it really happened.
 */
final class EcsdLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    /** The name lines show: ecsd's own loggers without the {@code dev.} of their package. */
    private final String shownName;
    private final boolean quiet;

    EcsdLogger(String name) {
        this.name = name;
        this.shownName = name.startsWith("dev.ecsd.") ? name.substring("dev.".length()) : name;
        this.quiet = LogSettings.isQuiet(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return LogSettings.enabled(quiet, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSettings.enabled(quiet, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSettings.enabled(quiet, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSettings.enabled(quiet, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogSettings.enabled(quiet, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable error) {
        write(level, pattern, arguments, List.of(), error);
    }

    /** The fluent API's events, with their key/values; the builder asked whether the level is enabled already. */
    @Override
    public void log(LoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        Throwable error = event.getThrowable();
        if (error == null) {
            // as the classic calls do: a Throwable last argument is the event's error, not a {} value
            Throwable candidate = MessageFormatter.getThrowableCandidate(arguments);
            if (candidate != null) {
                error = candidate;
                arguments = MessageFormatter.trimmedCopy(arguments);
            }
        }
        write(event.getLevel(), event.getMessage(), arguments, event.getKeyValuePairs(), error);
    }

    private void write(Level level, String pattern, Object[] arguments, List<KeyValuePair> keyValues,
            Throwable error) {
        if (!LogSettings.enabled(quiet, level)) {
            return;
        }
        String message = arguments == null || arguments.length == 0 ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        LogSettings.write(new LogEntry(Instant.now(), level, shownName, message, keyValues, error));
    }
}
