package dev.ecsd.api.ecs;

import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.control.TaskProtections;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.TaskProtection;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        if (!TaskProtections.validMinutes(minutes)) {
            throw ApiException.invalidParameter("expiresInMinutes must be between 1 and " + TaskProtection.MAX_MINUTES
                    + " minutes; the request gives " + minutes + ".");
        }
        checkCount(request.tasks(), MAX_TASKS);
        boolean enable = Boolean.TRUE.equals(request.protectionEnabled());
        return store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            List<TaskProtectionState> states = new ArrayList<>();
            for (String identifier : request.tasks()) {
                String arn = resources.taskArn(cluster, identifier);
                states.add(TaskProtections.failure(tx.state(), cluster.clusterArn(), arn)
                        .orElseGet(() -> TaskProtections.set(tx, arn, enable, minutes)));
            }
            return UpdateTaskProtectionResponse.builder().protectedTasks(protectedTasks(states))
                    .failures(failures(states)).build();
        });
    }

    /** The protection of the tasks named, or with none named, of every task of the cluster that has it in force. */
    GetTaskProtectionResponse getTaskProtection(GetTaskProtectionRequest request) {
        if (!request.tasks().isEmpty()) {
            checkCount(request.tasks(), MAX_GET_TASKS);
        }
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        Instant now = store.now();
        List<String> named = request.tasks().isEmpty() ? state.all(Kind.TASK_PROTECTION)
                .filter(p -> p.inForceAt(now)).map(TaskProtection::taskArn)
                .filter(arn -> state.find(Kind.TASK, arn).filter(t -> t.clusterArn().equals(cluster.clusterArn()))
                        .isPresent()).sorted().toList()
                : request.tasks().stream().map(identifier -> resources.taskArn(cluster, identifier)).toList();
        List<TaskProtectionState> states = named.stream().map(arn -> TaskProtections
                .failure(state, cluster.clusterArn(), arn).orElseGet(() -> TaskProtections.get(state, arn, now)))
                .toList();
        return GetTaskProtectionResponse.builder().protectedTasks(protectedTasks(states))
                .failures(failures(states)).build();
    }

    private static void checkCount(List<String> tasks, int max) {
        if (tasks.isEmpty()) {
            throw ApiException.invalidParameter("Tasks cannot be empty.");
        }
        if (tasks.size() > max) {
            throw ApiException.invalidParameter("The request names " + tasks.size() + " tasks; at most " + max
                    + " are accepted.");
        }
    }

    private static List<ProtectedTask> protectedTasks(List<TaskProtectionState> states) {
        return states.stream().filter(s -> !s.failed()).map(s -> ProtectedTask.builder().taskArn(s.taskArn())
                .protectionEnabled(s.protectionEnabled()).expirationDate(s.expirationDate()).build()).toList();
    }

    private static List<Failure> failures(List<TaskProtectionState> states) {
        return states.stream().filter(TaskProtectionState::failed).map(s -> Failure.builder().arn(s.taskArn())
                .reason(s.failureReason()).detail(s.failureDetail()).build()).toList();
    }
}
