package dev.ecsd.telemetry;

/** Hears each container engine call, by kind ({@code start_container}, {@code pull} ...). */
@FunctionalInterface
public interface EngineMetrics {
    EngineMetrics NONE = (kind, nanos, succeeded) -> { };

    void call(String kind, long nanos, boolean succeeded);
}
