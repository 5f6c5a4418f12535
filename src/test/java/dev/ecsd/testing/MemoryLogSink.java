package dev.ecsd.testing;

import dev.ecsd.logs.LogSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** CloudWatch Logs in memory, for agents and log shippers under test: every group exists. */
public final class MemoryLogSink implements LogSink {
    private final Map<String, List<Event>> streams = new ConcurrentHashMap<>();

    @Override
    public boolean groupExists(String group) {
        return true;
    }

    @Override
    public void createGroupIfMissing(String group) {
    }

    @Override
    public void createStreamIfMissing(String group, String stream) {
        events(group, stream);
    }

    @Override
    public void append(String group, String stream, List<Event> events) {
        events(group, stream).addAll(events);
    }

    @Override
    public long lastEventTimestamp(String group, String stream) {
        List<Event> events = streams.getOrDefault(key(group, stream), List.of());
        return events.isEmpty() ? -1 : events.getLast().timestamp();
    }

    /** The messages appended to a stream, in order; none for a stream that does not exist. */
    public List<String> messages(String group, String stream) {
        return streams.getOrDefault(key(group, stream), List.of()).stream().map(Event::message).toList();
    }

    private List<Event> events(String group, String stream) {
        return streams.computeIfAbsent(key(group, stream), key -> new CopyOnWriteArrayList<>());
    }

    private static String key(String group, String stream) {
        return group + " " + stream;
    }
}
