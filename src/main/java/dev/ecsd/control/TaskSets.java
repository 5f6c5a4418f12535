package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.StabilityStatus;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the task set operations of an external deployment controller mean for a service record, as pure functions:
 * add a set, change its scale, make it the primary one, delete it. The service scheduler then runs each set's tasks
 * ({@link TaskSetPlanner}).
 */
public final class TaskSets {
    /** ECS's message for task set operations on a service it deploys itself (observed; ECS documents none). */
    public static final String NOT_EXTERNAL = "Amazon ECS only supports task set management on services configured "
            + "to use external deployment controllers.";

    private TaskSets() {
    }

    /**
     * The first task set of a blue/green (CODE_DEPLOY) service, which ECS makes at CreateService from the service's
     * own task definition and launch settings: PRIMARY, at 100%. Later ones come from CodeDeploy, which ecsd does not
     * run.
     */
    public static TaskSet initial(Service service, String id, Instant now) {
        String arn = service.serviceArn().replace(":service/", ":task-set/") + "/" + id;
        return new TaskSet(id, arn, null, null, TaskSetStatus.PRIMARY, service.taskDefinition(),
                TaskSet.computedDesiredCount(service.desiredCount(), 100.0), 100.0, now, now, service.launchType(),
                service.capacityProviderStrategy(), service.platformVersion(), service.networkConfiguration(),
                Lists.orEmpty(service.loadBalancers()), Lists.orEmpty(service.serviceRegistries()),
                StabilityStatus.STABILIZING, now, List.of());
    }

    /** Refuses a service whose deployments are not an external controller's. */
    public static void requireExternal(Service service) {
        if (!service.isExternal()) {
            throw ApiException.invalidParameter(NOT_EXTERNAL);
        }
    }

    /** The set with this id or ARN, or ECS's TaskSetNotFoundException. */
    public static TaskSet find(Service service, String idOrArn) {
        return Lists.orEmpty(service.taskSets()).stream()
                .filter(s -> s.id().equals(idOrArn) || s.taskSetArn().equals(idOrArn)).findFirst()
                .orElseThrow(() -> new ApiException(ErrorType.TASK_SET_NOT_FOUND,
                        "The specified task set does not exist."));
    }

    public static Service create(Service service, TaskSet taskSet) {
        List<TaskSet> sets = new ArrayList<>(Lists.orEmpty(service.taskSets()));
        sets.add(taskSet);
        return service.toBuilder().taskSets(sets).build();
    }

    /** The set at a new scale; a DRAINING set is being deleted and keeps scaling down. */
    public static Service scale(Service service, String idOrArn, double percent, Instant now) {
        TaskSet set = find(service, idOrArn);
        if (set.status() == TaskSetStatus.DRAINING) {
            // ours: ECS documents no message for scaling a set being deleted
            throw ApiException.invalidParameter("The task set " + set.id() + " is being deleted (DRAINING).");
        }
        return replace(service, set.withScale(percent, service.desiredCount(), now));
    }

    /**
     * Makes a set PRIMARY (the previous one ACTIVE); the service takes its task definition and launch settings, as
     * DescribeServices shows them for an external deployment.
     */
    public static Service makePrimary(Service service, String idOrArn, Instant now) {
        TaskSet set = find(service, idOrArn);
        if (set.status() == TaskSetStatus.DRAINING) {
            // ours: ECS documents no message for promoting a set being deleted
            throw ApiException.invalidParameter("The task set " + set.id() + " is being deleted (DRAINING) and "
                    + "cannot become primary.");
        }
        if (set.status() == TaskSetStatus.PRIMARY) {
            return service;
        }
        List<TaskSet> sets = new ArrayList<>();
        for (TaskSet each : Lists.orEmpty(service.taskSets())) {
            if (each.id().equals(set.id())) {
                sets.add(each.withStatus(TaskSetStatus.PRIMARY, now));
            } else if (each.status() == TaskSetStatus.PRIMARY) {
                sets.add(each.withStatus(TaskSetStatus.ACTIVE, now));
            } else {
                sets.add(each);
            }
        }
        return service.toBuilder().taskSets(sets)
                .taskDefinition(set.taskDefinition())
                .launchType(set.launchType())
                .capacityProviderStrategy(set.capacityProviderStrategy())
                .platformVersion(set.platformVersion())
                .networkConfiguration(set.networkConfiguration())
                .loadBalancers(set.loadBalancers())
                .serviceRegistries(set.serviceRegistries())
                .build();
    }

    /**
     * Marks a set DRAINING: the scheduler stops its tasks and forgets it once they have stopped. Without
     * {@code force} only a set scaled to no task may go; the primary set never may.
     */
    public static Service delete(Service service, String idOrArn, boolean force, Instant now) {
        TaskSet set = find(service, idOrArn);
        if (set.status() == TaskSetStatus.DRAINING) {
            return service;
        }
        if (set.status() == TaskSetStatus.PRIMARY) {
            // ECS's message, as observed
            throw ApiException.invalidParameter("Primary TaskSet cannot be deleted");
        }
        if (!force && set.computedDesiredCount() > 0) {
            // ours: ECS documents that force is needed for a set not scaled down to zero, but not its message
            throw ApiException.invalidParameter("The task set " + set.id() + " has not been scaled down to zero; "
                    + "scale it to 0 or delete it with force.");
        }
        return replace(service, set.withStatus(TaskSetStatus.DRAINING, now));
    }

    /** Every set's computed desired count recomputed for the service's desired count. */
    public static Service followDesiredCount(Service service, Instant now) {
        List<TaskSet> sets = new ArrayList<>();
        boolean changed = false;
        for (TaskSet set : Lists.orEmpty(service.taskSets())) {
            int computed = TaskSet.computedDesiredCount(service.desiredCount(), set.scalePercent());
            changed |= computed != set.computedDesiredCount();
            sets.add(computed == set.computedDesiredCount() ? set
                    : set.withScale(set.scalePercent(), service.desiredCount(), now));
        }
        return changed ? service.toBuilder().taskSets(sets).build() : service;
    }

    private static Service replace(Service service, TaskSet set) {
        List<TaskSet> sets = new ArrayList<>(Lists.orEmpty(service.taskSets()));
        sets.replaceAll(s -> s.id().equals(set.id()) ? set : s);
        return service.toBuilder().taskSets(sets).build();
    }
}
