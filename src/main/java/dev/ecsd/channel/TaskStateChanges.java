package dev.ecsd.channel;

import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * How the control plane applies an agent's report to its task record: the transition table decides whether the
 * new lastStatus is allowed, and each status reached stamps the task's timestamps as ECS does. Pure.
 */
public final class TaskStateChanges {
    private TaskStateChanges() {
    }

    /**
     * The task after {@code change}, at {@code now} ({@code current} itself when nothing changes); empty when the change would move lastStatus backwards or
     * sideways, which is a bug in the agent and is refused whole.
     */
    public static Optional<Task> apply(Task current, TaskStateChange change, Instant now) {
        TaskStatus status = change.status();
        if (status == TaskStatus.RUNNING && current.desiredStatus() == DesiredStatus.STOPPED
                && current.lastStatus().ordinal() < TaskStatus.RUNNING.ordinal()) {
            // Told to stop before it ran: the task does not become RUNNING, though its agent may say so with the
            // start of its last container (it learns of the stop after the start); the container changes hold.
            status = null;
        }
        if (status != null && status != current.lastStatus() && !current.lastStatus().canMoveTo(status)) {
            return Optional.empty();
        }
        Task.Builder task = current.toBuilder();
        for (ContainerStateChange container : change.containers()) {
            // several changes of one container apply in turn, each to what the previous one left
            Lists.orEmpty(task.containers()).stream().filter(c -> c.name().equals(container.containerName()))
                    .findFirst().ifPresent(c -> task.container(applyTo(c, container, now)));
        }
        if (change.attachments() != null) {
            task.attachments(change.attachments());
        }
        if (change.healthStatus() != null) {
            task.healthStatus(change.healthStatus());
        }
        if (change.pullStarted() && current.pullStartedAt() == null) {
            task.pullStartedAt(now);
        }
        if (change.stopCode() != null) {
            task.desiredStatus(DesiredStatus.STOPPED);
            if (current.stopCode() == null) {
                task.stopCode(change.stopCode()).stoppedReason(change.stoppedReason());
            }
            if (current.stoppingAt() == null) {
                task.stoppingAt(now);
            }
        }
        if (status != null && status != current.lastStatus()) {
            reach(task, current, status, now);
        }
        // A report of nothing new keeps the record as it is: writing it again would only announce a non-change.
        Task next = task.build();
        boolean unchanged = next.toBuilder().version(current.version() - 1).build().equals(current);
        return Optional.of(unchanged ? current : next);
    }

    private static void reach(Task.Builder task, Task current, TaskStatus status, Instant now) {
        task.lastStatus(status);
        Instant stoppingAt = current.stoppingAt() == null ? now : current.stoppingAt();
        Instant executionStoppedAt = current.executionStoppedAt() == null ? now : current.executionStoppedAt();
        switch (status) {
            // as in ECS: connected once the network is attached, before images are pulled
            case PENDING -> task.connectivityAt(current.connectivityAt() == null ? now : current.connectivityAt());
            // connected too when PENDING was skipped (nothing to attach, every image here): at the same instant
            case ACTIVATING -> task.pullStoppedAt(now)
                    .connectivityAt(current.connectivityAt() == null ? now : current.connectivityAt());
            case RUNNING -> task.startedAt(now)
                    .connectivityAt(current.connectivityAt() == null ? now : current.connectivityAt());
            case DEACTIVATING, STOPPING -> task.stoppingAt(stoppingAt);
            case DEPROVISIONING -> task.stoppingAt(stoppingAt).executionStoppedAt(executionStoppedAt);
            case STOPPED -> {
                task.desiredStatus(DesiredStatus.STOPPED).stoppedAt(now).stoppingAt(stoppingAt)
                        .executionStoppedAt(executionStoppedAt);
                for (TaskContainer container : Lists.orEmpty(task.containers())) {
                    if (container.lastStatus() != ContainerStatus.STOPPED) {
                        task.container(container.stopped(container.exitCode(), container.reason(), now));
                    }
                }
                task.attachments(Lists.orEmpty(current.attachments()).stream().map(a -> a.withStatus("DELETED"))
                        .toList());
            }
            case PROVISIONING -> {
            }
        }
    }

    private static TaskContainer applyTo(TaskContainer container, ContainerStateChange change, Instant now) {
        TaskContainer next = container;
        if (change.runtimeId() != null) {
            next = next.withRuntimeId(change.runtimeId());
        }
        if (change.imageDigest() != null) {
            next = next.withImageDigest(change.imageDigest());
        }
        if (change.status() == ContainerStatus.RUNNING) {
            next = next.running(now, Lists.orEmpty(change.networkBindings()));
        } else if (change.status() == ContainerStatus.STOPPED) {
            next = next.stopped(change.exitCode(), change.reason(), now);
        } else if (change.reason() != null) {
            next = next.withReason(change.reason());
        }
        if (change.healthStatus() != null) {
            next = next.withHealth(change.healthStatus());
        }
        return next;
    }
}
