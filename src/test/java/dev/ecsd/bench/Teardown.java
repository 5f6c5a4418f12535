package dev.ecsd.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes what a Docker benchmark made, once: when closed at its end (failed or not), or from a shutdown hook
 * when the run is interrupted (Ctrl-C), where no finally block runs. Every step runs even when one before it fails.
 */
final class Teardown implements AutoCloseable {
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<Runnable> steps;
    private final Thread hook;

    private Teardown(List<Runnable> steps) {
        this.steps = steps;
        this.hook = new Thread(this::run, "benchmark-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Teardown of(Runnable... steps) {
        return new Teardown(List.of(steps));
    }

    private void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("tidying up after the benchmark failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook has run or runs, and finds the work done
        }
    }
}
