package dev.ecsd.logs;

import dev.ecsd.telemetry.LogMetrics;
import java.util.List;

/** A log sink that tells ecsd's telemetry how many events it appended: the events the agent shipped. */
public record CountedLogSink(LogSink sink, LogMetrics metrics) implements LogSink {
    @Override
    public boolean groupExists(String group) {
        return sink.groupExists(group);
    }

    @Override
    public void createGroupIfMissing(String group) {
        sink.createGroupIfMissing(group);
    }

    @Override
    public void createStreamIfMissing(String group, String stream) {
        sink.createStreamIfMissing(group, stream);
    }

    @Override
    public void append(String group, String stream, List<Event> events) {
        sink.append(group, stream, events);
        metrics.shipped(events.size());
    }

    @Override
    public long lastEventTimestamp(String group, String stream) {
        return sink.lastEventTimestamp(group, stream);
    }
}
