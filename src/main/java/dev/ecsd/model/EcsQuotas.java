package dev.ecsd.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The service quotas that bound what one caller can make ecsd hold, with Amazon ECS's defaults, and the pure checks
 * that enforce them. Without them one request ({@code desiredCount: 2147483647}) grows the server until it falls
 * over. Quotas ECS does not let an account adjust (tags per resource, containers per task definition, RunTask's
 * count) are constants here and not configurable.
 *
 * @param clusters ACTIVE clusters per account and region (ECS: "Clusters per account", 10,000)
 * @param servicesPerCluster ACTIVE and DRAINING services per cluster (ECS: "Services per cluster", 5,000)
 * @param tasksPerService a service's desired count (ECS: "Tasks per service", 5,000)
 * @param standaloneTasksPerCluster unstopped tasks per cluster that no service started (RunTask): ecsd's own, as
 *     ECS bounds these by Fargate's vCPU quota and the container instances' capacity instead
 * @param revisionsPerFamily revisions of one task definition family (ECS: "Revisions per task definition family",
 *     1,000,000)
 */
public record EcsQuotas(int clusters, int servicesPerCluster, int tasksPerService, int standaloneTasksPerCluster,
        int revisionsPerFamily) {

    /** ECS: "Tags per resource", not adjustable. */
    public static final int TAGS_PER_RESOURCE = 50;
    /** ECS: "Containers per task definition", not adjustable. */
    public static final int CONTAINERS_PER_TASK_DEFINITION = 10;
    /** ECS: "Tasks launched (count) per run-task", not adjustable. */
    public static final int TASKS_PER_RUN_TASK = 10;

    /** ECS's defaults. */
    public static final EcsQuotas ECS = new EcsQuotas(10_000, 5_000, 5_000, 5_000, 1_000_000);

    /** The names {@code --quota name=value} takes, in the README's order. */
    private static final Map<String, Function<EcsQuotas, Integer>> NAMES = quotaNames();

    public EcsQuotas {
        for (int value : new int[] {clusters, servicesPerCluster, tasksPerService, standaloneTasksPerCluster,
                revisionsPerFamily}) {
            if (value < 0) {
                throw new IllegalArgumentException("a quota is 0 or more, not " + value);
            }
        }
    }

    private static Map<String, Function<EcsQuotas, Integer>> quotaNames() {
        Map<String, Function<EcsQuotas, Integer>> names = new LinkedHashMap<>();
        names.put("clusters", EcsQuotas::clusters);
        names.put("services-per-cluster", EcsQuotas::servicesPerCluster);
        names.put("tasks-per-service", EcsQuotas::tasksPerService);
        names.put("standalone-tasks-per-cluster", EcsQuotas::standaloneTasksPerCluster);
        names.put("revisions-per-family", EcsQuotas::revisionsPerFamily);
        return names;
    }

    /** The quotas' names, as {@code --quota} takes them. */
    public static List<String> names() {
        return List.copyOf(NAMES.keySet());
    }

    /**
     * These quotas with {@code name=value} settings applied over them, in order. A setting that is not
     * {@code name=value} with a known name and a whole number from 0 up is refused with a message saying so.
     */
    public EcsQuotas with(List<String> settings) {
        Map<String, Integer> values = new LinkedHashMap<>();
        NAMES.forEach((name, value) -> values.put(name, value.apply(this)));
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            String name = equals < 0 ? setting.trim() : setting.substring(0, equals).trim();
            if (equals < 0 || !values.containsKey(name)) {
                throw new IllegalArgumentException("'" + Quoted.of(setting) + "' is not name=value with a name of "
                        + String.join(", ", NAMES.keySet()));
            }
            String text = setting.substring(equals + 1).trim();
            try {
                int value = Integer.parseInt(text);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                values.put(name, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the quota " + name + " is a whole number from 0 to 2147483647, "
                        + "not '" + Quoted.of(text) + "'");
            }
        }
        return new EcsQuotas(values.get("clusters"), values.get("services-per-cluster"),
                values.get("tasks-per-service"), values.get("standalone-tasks-per-cluster"),
                values.get("revisions-per-family"));
    }

    /** Refuses a new cluster when {@code activeClusters} already reach the quota. */
    public void checkNewCluster(int activeClusters) {
        if (activeClusters >= clusters) {
            // ECS documents no error for this; the type is ECS's LimitExceededException, the message ours.
            throw new ApiException(ErrorType.LIMIT_EXCEEDED, "The number of clusters in this account and region has "
                    + "reached its quota of " + clusters + " (Clusters per account). Delete a cluster first.");
        }
    }

    /** Refuses a new service in a cluster that already has {@code services} ACTIVE or DRAINING ones. */
    public void checkNewService(int services) {
        if (services >= servicesPerCluster) {
            // ECS documents no error for this; the type is ECS's LimitExceededException, the message ours.
            throw new ApiException(ErrorType.LIMIT_EXCEEDED, "The cluster has reached its quota of "
                    + servicesPerCluster + " services (Services per cluster). Delete a service first.");
        }
    }

    /** Refuses a desired count above the tasks-per-service quota, with ECS's error. */
    public void checkDesiredCount(int desiredCount) {
        if (desiredCount > tasksPerService) {
            throw ApiException.invalidParameter("Desired count exceeds limit.");
        }
    }

    /** Refuses {@code launching} more standalone tasks in a cluster that has {@code running} unstopped ones. */
    public void checkStandaloneTasks(int running, int launching) {
        if ((long) running + launching > standaloneTasksPerCluster) {
            // ecsd's own quota (see above), so the message is ours; the type is ECS's LimitExceededException.
            throw new ApiException(ErrorType.LIMIT_EXCEEDED, "The cluster has " + running + " unstopped tasks "
                    + "started outside services; " + launching + " more would exceed ecsd's quota of "
                    + standaloneTasksPerCluster + " (standalone-tasks-per-cluster). Stop some tasks first.");
        }
    }

    /** Refuses revision {@code revision} of a family beyond the revisions-per-family quota. */
    public void checkRevision(String family, int revision) {
        if (revision > revisionsPerFamily) {
            // ECS documents no error for this; the type is ECS's LimitExceededException, the message ours.
            throw new ApiException(ErrorType.LIMIT_EXCEEDED, "The task definition family '" + Quoted.of(family)
                    + "' has reached its quota of " + revisionsPerFamily + " revisions (Revisions per task "
                    + "definition family).");
        }
    }
}
