package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A followed container log. The engine sends one frame per line, marked stdout or stderr, each prefixed with
 * its RFC 3339 timestamp (we ask for timestamps); the engine ends the stream when the container stops.
 */
final class DockerLogFollower extends EngineStream<Frame> implements ContainerRuntime.LogFollower {
    private static final Logger LOG = LoggerFactory.getLogger(DockerLogFollower.class);

    private final Instant since;
    private final Consumer<LogLine> sink;

    DockerLogFollower(Instant since, Consumer<LogLine> sink) {
        this.since = since;
        this.sink = sink;
    }

    /** The engine's {@code since} is whole seconds: ask from the second before, and drop lines before {@code since}. */
    static Integer sinceSeconds(Instant since) {
        return since == null ? null : (int) Math.max(0, since.getEpochSecond());
    }

    @Override
    protected void accept(Frame frame) {
        LogLine line = parse(frame);
        if (line == null || (since != null && line.timestamp() != null && line.timestamp().isBefore(since))) {
            return;
        }
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("a log sink failed on a line; the line is dropped", e);
        }
    }

    static LogLine parse(Frame frame) {
        String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        String stream = frame.getStreamType() == StreamType.STDERR ? "stderr" : "stdout";
        int space = text.indexOf(' ');
        if (space > 0) {
            try {
                return new LogLine(Instant.parse(text.substring(0, space)), stream, text.substring(space + 1));
            } catch (DateTimeParseException ignored) {
                // no timestamp: keep the whole text
            }
        } else if (space < 0) {
            try {
                return new LogLine(Instant.parse(text), stream, ""); // an empty line
            } catch (DateTimeParseException ignored) {
                // no timestamp
            }
        }
        return new LogLine(null, stream, text);
    }

    @Override
    public boolean isDone() {
        return hasEnded();
    }
}
