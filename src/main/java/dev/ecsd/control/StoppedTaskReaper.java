package dev.ecsd.control;

import dev.ecsd.model.Task;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets stopped tasks once they have been stopped for longer than ECS keeps them describable (an hour). */
public final class StoppedTaskReaper implements AutoCloseable {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(StoppedTaskReaper.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final StateStore store;
    private final Duration retention;
    private volatile Thread thread;

    public StoppedTaskReaper(StateStore store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    public void start() {
        thread = Thread.ofVirtual().name("ecsd-stopped-task-reaper").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(EVERY);
                    reapNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Deletes the tasks stopped before the retention period; returns how many. */
    public int reapNow() {
        return store.write(tx -> {
            Instant cutoff = tx.now().minus(retention);
            List<Task> expired = tx.state().all(Kind.TASK)
                    .filter(t -> t.isStopped() && t.stoppedAt() != null && t.stoppedAt().isBefore(cutoff))
                    .toList();
            expired.forEach(t -> tx.delete(Kind.TASK, t.taskArn()));
            if (!expired.isEmpty()) {
                LOG.debug("forgot {} tasks stopped before {}", expired.size(), cutoff);
            }
            return expired.size();
        });
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
