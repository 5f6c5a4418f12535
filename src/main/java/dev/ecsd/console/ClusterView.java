package dev.ecsd.console;

import dev.ecsd.model.Arns;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the cluster page shows, computed from one snapshot in one walk over the cluster's tasks: a cluster's tasks
 * are the task table's keys under {@code task/<cluster>/} (the group index would miss RunTask's tasks without a
 * group), so a page of a cluster with 1,000 tasks reads those 1,000 once, whatever the other clusters hold.
 */
public record ClusterView(Summary summary, List<ServiceRow> services, Tasks tasks) {
    /** The newest tasks the page lists; it says how many more there are. */
    static final int TASK_LIMIT = 200;

    /** The cluster itself and its counts. */
    public record Summary(String region, String name, String status, List<String> capacityProviders,
            List<String> defaultStrategy, int running, int pending, int stopped, int activeServices,
            int drainingServices) {
    }

    /** One service's line. */
    public record ServiceRow(String name, String href, String status, int desired, int running, int pending,
            String rolloutState, String rolloutStateReason, String launchType) {
    }

    /** One task's line. */
    public record TaskRow(String id, String href, String lastStatus, String desiredStatus, String group,
            String revision, String revisionHref, Instant startedAt, Instant stoppedAt, String stopCode,
            String stoppedReason) {
    }

    /** One choice of the task list's status filter, with how many tasks it holds and where it leads. */
    public record Filter(String label, String value, int count, String href, boolean selected) {
    }

    /** The tasks the filter chose, newest first, at most {@link #TASK_LIMIT} of {@code total}. */
    public record Tasks(String status, List<Filter> filters, List<TaskRow> rows, int total) {
        public boolean bounded() {
            return rows.size() < total;
        }
    }

    /** The status filter's values, as {@code ?status=} takes them; anything else shows every task. */
    static final List<String> STATUSES = List.of("RUNNING", "PENDING", "STOPPED");

    /** The page of one cluster; {@code status} is the filter asked for (null or unknown: every task). */
    static ClusterView of(String region, Arns arns, Snapshot state, Cluster cluster, String status) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        String clusterPath = ConsolePaths.cluster(region, cluster.clusterName());
        Map<String, Service> byGroup = new HashMap<>();
        List<Service> services = state.withKeyPrefix(Kind.SERVICE, arns.service(cluster.clusterName(), ""))
                .filter(service -> service.clusterArn().equals(cluster.clusterArn()))
                .filter(service -> service.status() != ServiceStatus.INACTIVE)
                .toList();
        services.forEach(service -> byGroup.put(service.taskGroup(), service));
        Map<String, int[]> serviceCounts = new HashMap<>();
        int running = 0;
        int pending = 0;
        int stopped = 0;
        int all = 0;
        Map<String, Integer> byFilter = new HashMap<>();
        List<Task> chosen = new ArrayList<>();
        for (Task task : (Iterable<Task>) state.withKeyPrefix(Kind.TASK, arns.task(cluster.clusterName(), ""))
                ::iterator) {
            if (!task.clusterArn().equals(cluster.clusterArn())) {
                continue;
            }
            all++;
            TaskStatus last = task.lastStatus();
            running += last == TaskStatus.RUNNING ? 1 : 0;
            pending += task.isPending() ? 1 : 0;
            stopped += last == TaskStatus.STOPPED ? 1 : 0;
            Service owner = task.group() == null ? null : byGroup.get(task.group());
            if (owner != null && owner.owns(task)) {
                int[] counts = serviceCounts.computeIfAbsent(owner.serviceArn(), arn -> new int[2]);
                counts[0] += last == TaskStatus.RUNNING ? 1 : 0;
                counts[1] += task.isPending() ? 1 : 0;
            }
            String bucket = filterOf(last);
            byFilter.merge(bucket, 1, Integer::sum);
            if (filter == null || bucket.equals(filter)) {
                chosen.add(task);
            }
        }
        chosen.sort(Comparator.comparing(Task::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Task::taskArn));
        List<TaskRow> rows = chosen.stream().limit(TASK_LIMIT).map(task -> taskRow(region, cluster, task)).toList();
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter("All", "", all, clusterPath, filter == null));
        for (String value : STATUSES) {
            filters.add(new Filter(value.charAt(0) + value.substring(1).toLowerCase(Locale.ROOT), value,
                    byFilter.getOrDefault(value, 0), clusterPath + "?status=" + value, value.equals(filter)));
        }
        List<ServiceRow> serviceRows = services.stream()
                .sorted(Comparator.comparing(Service::serviceName))
                .map(service -> serviceRow(region, cluster, service,
                        serviceCounts.getOrDefault(service.serviceArn(), new int[2])))
                .toList();
        int active = (int) services.stream().filter(s -> s.status() == ServiceStatus.ACTIVE).count();
        int draining = (int) services.stream().filter(s -> s.status() == ServiceStatus.DRAINING).count();
        Summary summary = new Summary(region, cluster.clusterName(), cluster.status().name(),
                cluster.capacityProviders(), strategy(cluster.defaultCapacityProviderStrategy()), running, pending,
                stopped, active, draining);
        return new ClusterView(summary, serviceRows, new Tasks(filter, List.copyOf(filters), rows, chosen.size()));
    }

    /**
     * Which filter a task's lastStatus falls under: on its way up is PENDING, on its way down STOPPED (it no longer
     * runs), as ECS's console groups them.
     */
    static String filterOf(TaskStatus last) {
        if (last == TaskStatus.RUNNING) {
            return "RUNNING";
        }
        return last.isStarting() ? "PENDING" : "STOPPED";
    }

    private static ServiceRow serviceRow(String region, Cluster cluster, Service service, int[] counts) {
        Deployment primary = service.primary().orElse(null);
        String launchType = service.launchType() != null ? service.launchType()
                : Lists.orEmpty(service.capacityProviderStrategy()).isEmpty() ? ""
                : String.join(", ", strategy(service.capacityProviderStrategy()));
        return new ServiceRow(service.serviceName(),
                ConsolePaths.service(region, cluster.clusterName(), service.serviceName()), service.status().name(),
                service.desiredCount(), counts[0], counts[1],
                primary == null || primary.rolloutState() == null ? null : primary.rolloutState().name(),
                primary == null ? null : primary.rolloutStateReason(), launchType);
    }

    private static TaskRow taskRow(String region, Cluster cluster, Task task) {
        String definition = task.taskDefinitionArn() == null ? "" : Arns.lastSegment(task.taskDefinitionArn());
        String revisionHref = null;
        int colon = definition.lastIndexOf(':');
        if (colon > 0) {
            try {
                revisionHref = ConsolePaths.revision(region, definition.substring(0, colon),
                        Integer.parseInt(definition.substring(colon + 1)));
            } catch (NumberFormatException e) {
                revisionHref = null;
            }
        }
        return new TaskRow(task.taskId(), ConsolePaths.task(region, cluster.clusterName(), task.taskId()),
                task.lastStatus().name(), task.desiredStatus().name(), task.group(), definition, revisionHref,
                task.startedAt(), task.stoppedAt(), task.stopCode() == null ? null : task.stopCode().name(),
                task.stoppedReason());
    }

    /** A capacity provider strategy as a person reads it: {@code FARGATE_SPOT (weight 3, base 1)}. */
    static List<String> strategy(List<CapacityProviderStrategyItem> items) {
        return Lists.orEmpty(items).stream()
                .map(item -> item.capacityProvider() + " (weight " + item.weightOrZero() + ", base "
                        + item.baseOrZero() + ")")
                .toList();
    }
}
