package dev.ecsd.control;

/**
 * The arithmetic of a rolling update, as ECS defines it: at least {@code ceil(desired × minimumHealthyPercent)}
 * healthy tasks, at most {@code floor(desired × maximumPercent)} tasks in all. Pure.
 */
public final class RollingMath {
    private RollingMath() {
    }

    /** How many tasks may run (or start) in all. */
    public static int maximumTasks(int desired, int maximumPercent) {
        return (int) Math.floor(desired * (double) maximumPercent / 100.0);
    }

    /** How many healthy tasks must remain. */
    public static int minimumHealthy(int desired, int minimumHealthyPercent) {
        return (int) Math.ceil(desired * (double) minimumHealthyPercent / 100.0);
    }

    /**
     * What one step of a rollout may do.
     *
     * @param desired        the service's desired count
     * @param newTasks       tasks of the primary deployment that are running or starting
     * @param totalTasks     every task of the service that is running or starting
     * @param healthy        healthy tasks of every deployment
     * @param oldHealthy     healthy tasks of older deployments
     * @return how many new tasks to start and how many healthy old tasks to stop
     */
    public static Step step(int desired, int minimumHealthyPercent, int maximumPercent, int newTasks, int totalTasks,
            int healthy, int oldHealthy) {
        int maximum = Math.max(maximumTasks(desired, maximumPercent), 0);
        int minimum = minimumHealthy(desired, minimumHealthyPercent);
        int wanted = Math.max(0, desired - newTasks);
        int start = Math.max(0, Math.min(wanted, maximum - totalTasks));
        // New tasks beyond what is needed make old ones redundant only once they are healthy.
        int stop = Math.max(0, Math.min(oldHealthy, healthy - minimum));
        return new Step(start, stop);
    }

    /** Tasks to start and healthy old tasks to stop in this step. */
    public record Step(int start, int stopHealthyOld) {
    }

    /** ECS's circuit breaker threshold: half the desired count, at least 3 and at most 200. */
    public static int circuitBreakerThreshold(int desired) {
        return circuitBreakerThreshold(desired, 50);
    }

    /** A bounded-percent threshold: {@code percent} of the desired count, rounded up, at least 3 and at most 200. */
    public static int circuitBreakerThreshold(int desired, double percent) {
        return Math.max(3, Math.min(200, (int) Math.ceil(percent / 100.0 * desired)));
    }
}
