package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.Task;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chaos for Fargate Spot: each running FARGATE_SPOT task is interrupted at random, at {@code ratePerHour}
 * interruptions per task-hour on average (a Poisson process per task), on the injected clock and random, for runs
 * that test how an application lives with Spot. Off unless the server is started with a rate above zero.
 */
public final class SpotInterruptionChaos {
    public static final String NAME = "spot-interruption-chaos";
    private static final String KEY = "spot-tasks";
    static final Duration TICK = Duration.ofSeconds(10);

    private final StateStore store;
    private final SpotInterruptions interruptions;
    private final double ratePerHour;
    private final RandomGenerator random;
    private Instant lastLook;

    public SpotInterruptionChaos(StateStore store, double ratePerHour, RandomGenerator random,
            ControllerRuntime runtime) {
        if (!(ratePerHour > 0)) {
            throw new IllegalArgumentException("a chaos rate is above zero: " + ratePerHour);
        }
        this.store = store;
        this.interruptions = new SpotInterruptions(store);
        this.ratePerHour = ratePerHour;
        this.random = random;
        runtime.register(NAME, key -> look(), () -> List.of(KEY), TICK, 1);
    }

    /**
     * Which of {@code candidates} an interruption hits in {@code elapsed}: each with probability
     * 1 - e^(-rate × hours), one draw of {@code random} per candidate in order. Pure given the random.
     */
    static List<Task> victims(List<Task> candidates, double ratePerHour, Duration elapsed, RandomGenerator random) {
        double hours = elapsed.toMillis() / 3_600_000.0;
        double chance = 1 - Math.exp(-ratePerHour * hours);
        return candidates.stream().filter(t -> random.nextDouble() < chance).toList();
    }

    private Outcome look() {
        Instant now = store.now();
        if (lastLook != null && now.isAfter(lastLook)) {
            List<Task> hit = victims(SpotInterruptions.interruptible(store.snapshot(), null), ratePerHour,
                    Duration.between(lastLook, now), random);
            if (!hit.isEmpty()) {
                interruptions.interruptIfStillRunning(hit.stream().map(Task::taskArn).toList());
            }
        }
        lastLook = now;
        return Outcome.lookAgainAfter(TICK);
    }
}
