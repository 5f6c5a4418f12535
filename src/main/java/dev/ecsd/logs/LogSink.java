package dev.ecsd.logs;

import java.util.List;

/**
 * What the agent needs of CloudWatch Logs to ship container output: check and create groups and streams,
 * and append events. Implemented by the log store behind the Logs API.
 */
public interface LogSink {
    /** One log event: when it happened (epoch milliseconds) and the message. */
    record Event(long timestamp, String message) {
    }

    boolean groupExists(String group);

    /** Creates the group unless it exists. */
    void createGroupIfMissing(String group);

    /** Creates the stream in an existing group unless it exists. */
    void createStreamIfMissing(String group, String stream);

    /** Appends events to an existing stream, in the order given; ingestion time is now. */
    void append(String group, String stream, List<Event> events);

    /** The timestamp of the newest event in a stream, or -1 when it is empty or does not exist. */
    long lastEventTimestamp(String group, String stream);
}
