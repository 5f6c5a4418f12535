package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.Task;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets stopped tasks once they have been stopped for longer than ECS keeps them describable (an hour). A
 * controller of one key on the {@link ControllerRuntime}: it looks again exactly when the next stopped task
 * expires, and a resync catches tasks stopped since.
 */
public final class StoppedTaskReaper {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    public static final String NAME = "stopped-task-reaper";
    private static final Logger LOG = LoggerFactory.getLogger(StoppedTaskReaper.class);
    private static final String KEY = "stopped-tasks";
    private static final Duration RESYNC = Duration.ofMinutes(1);

    private final StateStore store;
    private final Duration retention;

    public StoppedTaskReaper(StateStore store, Duration retention, ControllerRuntime runtime) {
        this.store = store;
        this.retention = retention;
        runtime.register(NAME, key -> reap(), () -> List.of(KEY), RESYNC, 1);
    }

    /**
     * Deletes the tasks stopped before the retention period, chosen on a snapshot and each checked again under
     * the writer lock; then looks again when the next one expires.
     */
    private Outcome reap() {
        Instant cutoff = store.now().minus(retention);
        List<Task> expired = store.snapshot().all(Kind.TASK).filter(t -> expired(t, cutoff)).toList();
        if (!expired.isEmpty()) {
            int deleted = store.write(tx -> {
                int count = 0;
                for (Task task : expired) {
                    if (tx.find(Kind.TASK, task.taskArn()).filter(t -> expired(t, cutoff)).isPresent()) {
                        tx.delete(Kind.TASK, task.taskArn());
                        if (tx.find(Kind.TASK_PROTECTION, task.taskArn()).isPresent()) {
                            tx.delete(Kind.TASK_PROTECTION, task.taskArn());
                        }
                        count++;
                    }
                }
                return count;
            });
            LOG.debug("forgot {} tasks stopped before {}", deleted, cutoff);
        }
        Optional<Instant> next = store.snapshot().all(Kind.TASK).filter(t -> t.isStopped() && t.stoppedAt() != null)
                .map(Task::stoppedAt).min(Comparator.naturalOrder());
        return next.map(stoppedAt -> Outcome.lookAgainAt(stoppedAt.plus(retention))).orElse(Outcome.done());
    }

    private static boolean expired(Task task, Instant cutoff) {
        return task.isStopped() && task.stoppedAt() != null && !task.stoppedAt().isAfter(cutoff);
    }
}
