package dev.ecsd.agent.runtime;

import java.util.function.Supplier;

/**
 * How close to RUNNING the task an engine call serves is, so that the engine's queue lets a task that is further
 * along go first (see {@link EngineQueue}): with first-come-first-served admission a batch of tasks advances in
 * lockstep and the first is RUNNING only when nearly all are. A task's worker says it around the step it performs;
 * any other call (removals, events, observation of settled tasks) is {@link #ROUTINE}.
 */
public enum EngineUrgency {
    /** Not on a task's way to RUNNING. */
    ROUTINE,
    /** Creating a task's network (its pause container). */
    PROVISION,
    /** Finding or pulling a task's images. */
    PULL,
    /** Creating a container of a task whose images are there. */
    CREATE,
    /**
     * Stopping a container of a task the control plane stopped: what a rolling update waits for, and what frees
     * the memory, CPU and host ports its replacements need. Above creating, so that a burst of starts does not keep
     * old and new tasks running side by side on the engine beyond the deployment's maximumPercent.
     */
    STOP,
    /** Starting a created container: the task's last steps before RUNNING. */
    START;

    private static final ThreadLocal<EngineUrgency> CURRENT = ThreadLocal.withInitial(() -> ROUTINE);

    /** Runs {@code body} with its engine calls made at this urgency. */
    public <T> T during(Supplier<T> body) {
        EngineUrgency before = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** Runs {@code body} with its engine calls made at this urgency. */
    public void run(Runnable body) {
        during(() -> {
            body.run();
            return null;
        });
    }

    /** The urgency of the calls the current thread makes. */
    public static EngineUrgency current() {
        return CURRENT.get();
    }
}
