package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskProtection;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

/**
 * UpdateTaskProtection and GetTaskProtection: scale-in protection of a service's tasks. A task that is not found is a
 * {@code MISSING} failure; a standalone or stopped task a {@code TASK_NOT_VALID} one, as ECS answers. Expired
 * protection reads as off.
 */
final class TaskProtectionOperations {
    private static final int MAX_TASKS = 10;
    private static final int MAX_GET_TASKS = 100;

    private final StateStore store;
    private final EcsResources resources;

    TaskProtectionOperations(StateStore store, EcsResources resources) {
        this.store = store;
        this.resources = resources;
    }

    UpdateTaskProtectionResponse updateTaskProtection(UpdateTaskProtectionRequest request) {
        Integer minutes = request.expiresInMinutes();
        if (minutes != null && (minutes < 1 || minutes > TaskProtection.MAX_MINUTES)) {
            throw ApiException.invalidParameter("expiresInMinutes must be between 1 and " + TaskProtection.MAX_MINUTES
                    + " minutes; the request gives " + minutes + ".");
        }
        checkCount(request.tasks());
        boolean enable = Boolean.TRUE.equals(request.protectionEnabled());
        return store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            Instant now = tx.now();
            List<ProtectedTask> protectedTasks = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (String identifier : request.tasks()) {
                String arn = taskArn(cluster, identifier);
                Optional<Failure> failure = check(tx.state(), cluster, arn);
                if (failure.isPresent()) {
                    failures.add(failure.get());
                } else if (enable) {
                    // protecting a protected task again starts its period afresh, as ECS does
                    TaskProtection protection = tx.put(Kind.TASK_PROTECTION, new TaskProtection(arn, now.plus(
                            Duration.ofMinutes(minutes == null ? TaskProtection.DEFAULT_MINUTES : minutes))));
                    protectedTasks.add(answer(arn, protection, now));
                } else {
                    if (tx.find(Kind.TASK_PROTECTION, arn).isPresent()) {
                        tx.delete(Kind.TASK_PROTECTION, arn);
                    }
                    protectedTasks.add(answer(arn, null, now));
                }
            }
            return UpdateTaskProtectionResponse.builder().protectedTasks(protectedTasks).failures(failures).build();
        });
    }

    /** The protection of the tasks named, or with none named, of every task of the cluster that has it in force. */
    GetTaskProtectionResponse getTaskProtection(GetTaskProtectionRequest request) {
        if (request.tasks().size() > MAX_GET_TASKS) {
            throw ApiException.invalidParameter("The request names " + request.tasks().size() + " tasks; at most "
                    + MAX_GET_TASKS + " are accepted.");
        }
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        Instant now = store.now();
        List<ProtectedTask> protectedTasks = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<String> named = request.tasks().isEmpty() ? state.all(Kind.TASK_PROTECTION)
                .filter(p -> p.inForceAt(now)).map(TaskProtection::taskArn)
                .filter(arn -> state.find(Kind.TASK, arn).filter(t -> t.clusterArn().equals(cluster.clusterArn()))
                        .isPresent()).sorted().toList() : request.tasks();
        for (String identifier : named) {
            String arn = taskArn(cluster, identifier);
            Optional<Failure> failure = check(state, cluster, arn);
            if (failure.isPresent()) {
                failures.add(failure.get());
            } else {
                protectedTasks.add(answer(arn, state.find(Kind.TASK_PROTECTION, arn).orElse(null), now));
            }
        }
        return GetTaskProtectionResponse.builder().protectedTasks(protectedTasks).failures(failures).build();
    }

    private static void checkCount(List<String> tasks) {
        if (tasks.isEmpty()) {
            throw ApiException.invalidParameter("Tasks cannot be empty.");
        }
        if (tasks.size() > MAX_TASKS) {
            throw ApiException.invalidParameter("The request names " + tasks.size() + " tasks; at most " + MAX_TASKS
                    + " are accepted.");
        }
    }

    /** Why a task cannot carry protection, if it cannot: it must exist, run in this cluster and belong to a service. */
    private static Optional<Failure> check(Snapshot state, Cluster cluster, String arn) {
        Task task = state.find(Kind.TASK, arn).filter(t -> t.clusterArn().equals(cluster.clusterArn())).orElse(null);
        if (task == null) {
            return Optional.of(Failure.builder().arn(arn).reason("MISSING").build());
        }
        if (task.group() == null || !task.group().startsWith("service:")) {
            return Optional.of(Failure.builder().arn(arn).reason("TASK_NOT_VALID")
                    .detail("The task is not part of a service; only a service's tasks can be protected.").build());
        }
        if (task.isStopped()) {
            return Optional.of(Failure.builder().arn(arn).reason("TASK_NOT_VALID")
                    .detail("The task is stopped.").build());
        }
        return Optional.empty();
    }

    private static ProtectedTask answer(String arn, TaskProtection protection, Instant now) {
        if (protection == null || !protection.inForceAt(now)) {
            return ProtectedTask.builder().taskArn(arn).protectionEnabled(false).build();
        }
        return ProtectedTask.builder().taskArn(arn).protectionEnabled(true)
                .expirationDate(protection.expirationDate()).build();
    }

    private String taskArn(Cluster cluster, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.invalidParameter("Task Identifier is invalid");
        }
        return Arns.isArn(identifier) ? identifier : resources.arns().task(cluster.clusterName(), identifier);
    }
}
