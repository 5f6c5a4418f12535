package dev.ecsd.control;

import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskProtection;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Task scale-in protection's rules, shared by the ECS API (UpdateTaskProtection, GetTaskProtection) and the agent's
 * task endpoint: only a service's running task can be protected, for 1 to 2,880 minutes (120 by default); protecting
 * it again starts the period afresh; expired protection reads as off.
 */
public final class TaskProtections {
    private TaskProtections() {
    }

    /** ECS's failure for a task that cannot carry protection, if it cannot (in {@code clusterArn}, when not null). */
    public static Optional<TaskProtectionState> failure(Snapshot state, String clusterArn, String taskArn) {
        Task task = state.find(Kind.TASK, taskArn)
                .filter(t -> clusterArn == null || t.clusterArn().equals(clusterArn)).orElse(null);
        if (task == null) {
            return Optional.of(TaskProtectionState.failed(taskArn, "MISSING", null));
        }
        if (task.group() == null || !task.group().startsWith("service:")) {
            return Optional.of(TaskProtectionState.failed(taskArn, "TASK_NOT_VALID",
                    "The task is not part of a service; only a service's tasks can be protected."));
        }
        if (task.isStopped()) {
            return Optional.of(TaskProtectionState.failed(taskArn, "TASK_NOT_VALID", "The task is stopped."));
        }
        return Optional.empty();
    }

    /** Whether {@code minutes} (null: the default) is a protection period ECS accepts. */
    public static boolean validMinutes(Integer minutes) {
        return minutes == null || minutes >= 1 && minutes <= TaskProtection.MAX_MINUTES;
    }

    /** Turns protection on or off for a task that may carry it ({@link #failure} found nothing), in {@code tx}. */
    public static TaskProtectionState set(Transaction tx, String taskArn, boolean enabled, Integer minutes) {
        if (!enabled) {
            if (tx.find(Kind.TASK_PROTECTION, taskArn).isPresent()) {
                tx.delete(Kind.TASK_PROTECTION, taskArn);
            }
            return TaskProtectionState.of(taskArn, null);
        }
        Instant until = tx.now().plus(Duration.ofMinutes(minutes == null ? TaskProtection.DEFAULT_MINUTES : minutes));
        tx.put(Kind.TASK_PROTECTION, new TaskProtection(taskArn, until));
        return TaskProtectionState.of(taskArn, until);
    }

    /** A task's protection as it stands at {@code now}. */
    public static TaskProtectionState get(Snapshot state, String taskArn, Instant now) {
        return TaskProtectionState.of(taskArn, state.find(Kind.TASK_PROTECTION, taskArn)
                .filter(p -> p.inForceAt(now)).map(TaskProtection::expirationDate).orElse(null));
    }
}
