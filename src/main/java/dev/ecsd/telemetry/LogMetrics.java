package dev.ecsd.telemetry;

/** Hears the log events an agent ships into a region's CloudWatch Logs. */
@FunctionalInterface
public interface LogMetrics {
    LogMetrics NONE = events -> { };

    void shipped(int events);
}
