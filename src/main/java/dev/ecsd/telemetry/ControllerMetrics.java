package dev.ecsd.telemetry;

import java.util.function.IntSupplier;

/** Hears a region's controllers: each reconcile, its outcome, and how much work waits in each one's queue. */
public interface ControllerMetrics {
    ControllerMetrics NONE = new ControllerMetrics() {
        @Override
        public void reconciled(String controller, long nanos, boolean succeeded) {
        }

        @Override
        public void queue(String controller, IntSupplier depth) {
        }
    };

    void reconciled(String controller, long nanos, boolean succeeded);

    /** Registers a controller's queue, read when scraped. */
    void queue(String controller, IntSupplier depth);
}
