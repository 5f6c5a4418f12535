package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A followed container log, read back into the lines the container wrote. The engine sends each line as one
 * frame, marked stdout or stderr and prefixed with its RFC 3339 timestamp (we ask for timestamps), and ends the
 * stream when the container stops. docker-java hands a frame over in pieces of at most 1 KiB, and the engine
 * itself cuts lines longer than 16 KiB into pieces that each carry the line's timestamp: the pieces are joined
 * again here, up to each newline.
 */
final class DockerLogFollower extends EngineStream<Frame> implements ContainerRuntime.LogFollower {
    private static final Logger LOG = LoggerFactory.getLogger(DockerLogFollower.class);
    /** The size of the pieces the engine cuts a long line into (its log copier's buffer). */
    static final int ENGINE_PIECE_BYTES = 16 * 1024;

    private final Instant since;
    private final Consumer<LogLine> sink;
    // touched only on docker-java's stream thread, one frame at a time
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

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
        boolean isStderr = frame.getStreamType() == StreamType.STDERR;
        ByteArrayOutputStream pending = isStderr ? stderr : stdout;
        byte[] payload = frame.getPayload();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n') {
                pending.write(payload, start, i + 1 - start);
                deliver(pending, isStderr);
                start = i + 1;
            }
        }
        pending.write(payload, start, payload.length - start);
    }

    /** A last line without its newline is still a line. */
    @Override
    protected void ended() {
        if (!wasClosed()) {
            deliver(stdout, false);
            deliver(stderr, true);
        }
    }

    private void deliver(ByteArrayOutputStream pending, boolean isStderr) {
        if (pending.size() == 0) {
            return;
        }
        LogLine line = parse(pending.toString(StandardCharsets.UTF_8), isStderr ? "stderr" : "stdout");
        pending.reset();
        if (since != null && line.timestamp() != null && line.timestamp().isBefore(since)) {
            return;
        }
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("a log sink failed on a line; the line is dropped", e);
        }
    }

    /** One line as the engine sent it: {@code <timestamp> <message>}, perhaps with its newline. */
    static LogLine parse(String text, String stream) {
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        int space = text.indexOf(' ');
        if (space > 0) {
            try {
                Instant timestamp = Instant.parse(text.substring(0, space));
                return new LogLine(timestamp, stream, withoutPieceTimestamps(text.substring(space + 1)));
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

    /** Removes the timestamp the engine put before each 16 KiB piece of a long line after the first. */
    private static String withoutPieceTimestamps(String message) {
        if (message.length() <= ENGINE_PIECE_BYTES) {
            return message;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream joined = new ByteArrayOutputStream(bytes.length);
        int at = 0;
        while (true) {
            int pieceEnd = Math.min(bytes.length, at + ENGINE_PIECE_BYTES);
            joined.write(bytes, at, pieceEnd - at);
            at = pieceEnd;
            if (at >= bytes.length) {
                break;
            }
            at += timestampLength(bytes, at);
        }
        return joined.toString(StandardCharsets.UTF_8);
    }

    /** The length of {@code <RFC 3339 timestamp><space>} at {@code at}, or 0 when there is none. */
    private static int timestampLength(byte[] bytes, int at) {
        int limit = Math.min(bytes.length, at + 40);
        for (int i = at; i < limit; i++) {
            if (bytes[i] == ' ') {
                try {
                    Instant.parse(new String(bytes, at, i - at, StandardCharsets.US_ASCII));
                    return i + 1 - at;
                } catch (DateTimeParseException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public boolean isDone() {
        return hasEnded();
    }
}
