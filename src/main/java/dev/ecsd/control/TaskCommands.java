package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Instant;

/**
 * What a user's command does to a task, decided in one place for every caller (the ECS API's StopTask and the
 * console's stop button): the API resolves and checks the cluster, then comes here.
 */
public final class TaskCommands {
    /** ECS's limit on a StopTask reason. */
    public static final int MAX_REASON_LENGTH = 255;

    private TaskCommands() {
    }

    /** Checks a StopTask reason before any write: at most 255 characters, as ECS takes it. */
    public static void checkReason(String reason) {
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw ApiException.invalidParameter("reason can have at most 255 characters.");
        }
    }

    /** As {@link #stop(Transaction, String, String, String)}, in a write of its own. */
    public static Task stop(StateStore store, String clusterArn, String taskArn, String reason) {
        checkReason(reason);
        return store.write(tx -> stop(tx, clusterArn, taskArn, reason));
    }

    /**
     * Stops a task of the cluster, as StopTask does: desiredStatus STOPPED, stop code UserInitiated and the reason
     * (ECS's own words when none is given), from now; the agent then stops its containers. A task already told to
     * stop is answered as it is: the first reason stays.
     */
    public static Task stop(Transaction tx, String clusterArn, String taskArn, String reason) {
        checkReason(reason);
        Task task = tx.find(Kind.TASK, taskArn).filter(t -> t.clusterArn().equals(clusterArn))
                .orElseThrow(() -> ApiException.invalidParameter("The referenced task was not found."));
        Task stopped = decideStop(task, reason, tx.now());
        return stopped == task ? task : tx.put(Kind.TASK, stopped);
    }

    /** The task after a user's stop at {@code now}: the same task when it is already told to stop. */
    static Task decideStop(Task task, String reason, Instant now) {
        if (task.desiredStatus() == DesiredStatus.STOPPED) {
            return task;
        }
        return task.toBuilder()
                .desiredStatus(DesiredStatus.STOPPED)
                .stopCode(TaskStopCode.UserInitiated)
                .stoppedReason(reason == null || reason.isEmpty() ? TaskStopCode.USER_STOPPED_REASON : reason)
                .stoppingAt(now)
                .build();
    }
}
