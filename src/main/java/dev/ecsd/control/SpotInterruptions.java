package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fargate Spot interruptions, as ECS documents them: the two-minute termination notice marks the task for
 * termination (desired STOPPED, stopCode {@code SpotInterruption}, stoppedReason "Your Spot Task was interrupted.",
 * the task state change event ECS sends to EventBridge) and reaches the task as SIGTERM; its containers then have
 * their stopTimeout (at most 120 s on Fargate, so within the two minutes) before SIGKILL, as for any stop; a service
 * starts a replacement as soon as the notice comes. Only FARGATE_SPOT tasks can be interrupted.
 */
public final class SpotInterruptions {
    public static final String CAPACITY_PROVIDER = "FARGATE_SPOT";
    public static final String STOPPED_REASON = "Your Spot Task was interrupted.";
    private static final Logger LOG = LoggerFactory.getLogger(SpotInterruptions.class);

    private final StateStore store;

    public SpotInterruptions(StateStore store) {
        this.store = store;
    }

    /** Why {@code task} cannot be interrupted now, or empty when it can: a running or starting FARGATE_SPOT task. */
    public static Optional<String> refusal(Task task) {
        if (!CAPACITY_PROVIDER.equals(task.capacityProviderName())) {
            return Optional.of("Task " + task.taskArn() + " runs on " + (task.capacityProviderName() != null
                    ? "capacity provider " + task.capacityProviderName() : "the " + task.launchType() + " launch type")
                    + ", not FARGATE_SPOT: only Fargate Spot tasks can be interrupted.");
        }
        if (task.desiredStatus() != DesiredStatus.RUNNING || task.isStopped()) {
            return Optional.of("Task " + task.taskArn() + " is already stopping or stopped.");
        }
        return Optional.empty();
    }

    /** The task as the termination notice leaves it: stopping, with ECS's code and reason. */
    public static Task interrupted(Task task, Instant now) {
        return task.toBuilder()
                .desiredStatus(DesiredStatus.STOPPED)
                .stopCode(TaskStopCode.SpotInterruption)
                .stoppedReason(STOPPED_REASON)
                .stoppingAt(now)
                .build();
    }

    /**
     * The interruptible tasks of a cluster (of every cluster when {@code clusterArn} is null), longest running first
     * (then by ARN): whom a capacity reclaim hits.
     */
    public static List<Task> interruptible(Snapshot state, String clusterArn) {
        return state.all(Kind.TASK)
                .filter(t -> (clusterArn == null || t.clusterArn().equals(clusterArn)) && refusal(t).isEmpty()
                        && t.lastStatus() == TaskStatus.RUNNING)
                .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::taskArn))
                .toList();
    }

    /** Interrupts one task, refusing a task that is unknown, not on FARGATE_SPOT or already stopping. */
    public Task interruptTask(String taskArn) {
        return store.write(tx -> {
            Task task = tx.find(Kind.TASK, taskArn).orElseThrow(() -> new ApiException(ErrorType.RESOURCE_NOT_FOUND,
                    "Task " + taskArn + " was not found."));
            refusal(task).ifPresent(reason -> {
                throw ApiException.invalidParameter(reason);
            });
            return notice(tx.put(Kind.TASK, interrupted(task, tx.now())));
        });
    }

    /** Interrupts up to {@code count} running FARGATE_SPOT tasks of a cluster; fewer when it has fewer. */
    public List<Task> interruptInCluster(String clusterArn, int count) {
        return store.write(tx -> {
            List<Task> done = new ArrayList<>();
            for (Task task : interruptible(tx.state(), clusterArn).stream().limit(count).toList()) {
                done.add(notice(tx.put(Kind.TASK, interrupted(task, tx.now()))));
            }
            return done;
        });
    }

    /** Interrupts those of {@code taskArns} that can still be interrupted (chosen on a snapshot); skips the rest. */
    public List<Task> interruptIfStillRunning(List<String> taskArns) {
        return store.write(tx -> {
            List<Task> done = new ArrayList<>();
            for (String arn : taskArns) {
                tx.find(Kind.TASK, arn).filter(t -> refusal(t).isEmpty())
                        .ifPresent(t -> done.add(notice(tx.put(Kind.TASK, interrupted(t, tx.now())))));
            }
            return done;
        });
    }

    private static Task notice(Task task) {
        LOG.info("Fargate Spot interruption of {}: termination notice sent, the task is stopping", task.taskArn());
        return task;
    }
}
