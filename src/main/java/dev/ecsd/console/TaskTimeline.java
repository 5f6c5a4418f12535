package dev.ecsd.console;

import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A task's life as the steps a person reads (created, image pulled, running, stopping, stopped), each with the time
 * the task recorded for it. ECS records times, not a history of statuses, so the steps are read from the times.
 */
public final class TaskTimeline {
    private static final int RUNNING_STEP = 2;

    private TaskTimeline() {
    }

    /** How far the task got with a step. */
    public enum State {
        /** Reached, at {@code at}. */
        DONE,
        /** Reached, and it is where the task failed (a stop that the task's own failure caused). */
        FAILED,
        /** The step the task is on its way to now. */
        CURRENT,
        /** Not reached yet. */
        TODO,
        /** Never reached, and never will be: the task stopped without it. */
        SKIPPED;

        /** The CSS class of a step in this state. */
        public String css() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether a step in this state is shown greyed out. */
        public boolean greyed() {
            return this == TODO || this == SKIPPED;
        }
    }

    /** One step: its name, its time (null when not reached), its state and a detail (how long it took, and so on). */
    public record Step(String name, Instant at, State state, String detail) {
    }

    /** The steps of a task, in order. */
    public static List<Step> of(Task task) {
        boolean stopped = task.isStopped();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Created", task.createdAt(), reached(task.createdAt()), null));
        String pull = task.pullStartedAt() != null && task.pullStoppedAt() != null
                ? "image pull took " + ConsoleFormat.duration(Duration.between(task.pullStartedAt(),
                        task.pullStoppedAt()))
                : task.pullStartedAt() != null ? "pulling since " + ConsoleFormat.absolute(task.pullStartedAt()) : null;
        steps.add(new Step("Pulled", task.pullStoppedAt(), reached(task.pullStoppedAt()), pull));
        steps.add(new Step("Running", task.startedAt(), reached(task.startedAt()), null));
        steps.add(new Step("Stopping", task.stoppingAt(), reached(task.stoppingAt()),
                task.stoppingAt() != null && task.stopCode() != null ? task.stopCode().name() : null));
        boolean failed = stopped && task.stopCode() != null && task.stopCode().isTaskFailure();
        String ran = task.startedAt() != null && task.executionStoppedAt() != null
                ? "ran " + ConsoleFormat.duration(Duration.between(task.startedAt(), task.executionStoppedAt()))
                : null;
        steps.add(new Step("Stopped", task.stoppedAt(),
                task.stoppedAt() == null ? State.TODO : failed ? State.FAILED : State.DONE, ran));
        return stopped ? skipUnreached(steps)
                : markCurrent(steps, task.desiredStatus() == DesiredStatus.STOPPED ? steps.size() : RUNNING_STEP + 1);
    }

    private static State reached(Instant at) {
        return at == null ? State.TODO : State.DONE;
    }

    /** A stopped task never reaches the steps it missed: they are skipped, not to come. */
    private static List<Step> skipUnreached(List<Step> steps) {
        return steps.stream()
                .map(step -> step.state() == State.TODO
                        ? new Step(step.name(), null, State.SKIPPED, "skipped") : step)
                .toList();
    }

    /**
     * The first step not reached after the last one reached is where the task is heading; those before it that
     * have no time were passed without one. Only a task told to stop heads for the steps past Running
     * ({@code heading} is how many steps it heads for).
     */
    private static List<Step> markCurrent(List<Step> steps, int heading) {
        int last = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).state() == State.DONE) {
                last = i;
            }
        }
        List<Step> marked = new ArrayList<>(steps);
        for (int i = 0; i < last; i++) {
            if (steps.get(i).state() == State.TODO) {
                // passed without a time of its own (e.g. no image to pull): skipped on the way
                marked.set(i, new Step(steps.get(i).name(), null, State.SKIPPED, "skipped"));
            }
        }
        if (last + 1 < heading) {
            Step next = steps.get(last + 1);
            marked.set(last + 1, new Step(next.name(), null, State.CURRENT, next.detail()));
        }
        return List.copyOf(marked);
    }
}
