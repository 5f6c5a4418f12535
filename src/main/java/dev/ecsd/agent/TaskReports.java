package dev.ecsd.agent;

import dev.ecsd.model.Task;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an agent reports what happened to a task: one store write per change, refused (and logged) when it
 * would move lastStatus backwards or sideways, since that would be a bug in the agent.
 */
final class TaskReports {
    private static final Logger LOG = LoggerFactory.getLogger(TaskReports.class);
    private final StateStore store;

    TaskReports(StateStore store) {
        this.store = store;
    }

    /** Applies {@code change} to the task as it is now; returns the task as written, or as it was if refused. */
    Task update(String taskArn, BiFunction<Task, java.time.Instant, Task.Builder> change) {
        return store.write(tx -> {
            Task current = tx.find(Kind.TASK, taskArn).orElse(null);
            if (current == null) {
                return null;
            }
            Task.Builder builder = change.apply(current, tx.now());
            if (builder == null) {
                return current;
            }
            if (builder.lastStatus() != current.lastStatus() && !current.lastStatus().canMoveTo(builder.lastStatus())) {
                LOG.error("refused an illegal transition of {} from {} to {}", taskArn, current.lastStatus(),
                        builder.lastStatus());
                return current;
            }
            return tx.put(Kind.TASK, builder.build());
        });
    }
}
