package dev.ecsd.telemetry;

/** Hears each of a region's store commits (a group commit of one batch of transactions). */
@FunctionalInterface
public interface StoreMetrics {
    StoreMetrics NONE = (transactions, nanos, succeeded) -> { };

    void committed(int transactions, long nanos, boolean succeeded);
}
