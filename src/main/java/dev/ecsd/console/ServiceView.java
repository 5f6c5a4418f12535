package dev.ecsd.console;

import dev.ecsd.control.ServicePlanner;
import dev.ecsd.control.ServiceTaskCounts;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceEvent;
import dev.ecsd.model.Task;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the service page shows of a service, computed from a snapshot: its summary, its deployments with their
 * progress, its events and its tasks. Pure; the counts are computed from the tasks as DescribeServices computes them.
 */
public final class ServiceView {
    /** The most tasks the page lists: enough to see a service, few enough that the page stays fast. */
    static final int MAX_TASKS = 100;

    private ServiceView() {
    }

    /** A task definition as the page names and links it: {@code family:revision}. */
    public record TaskDefinitionRef(String label, String href) {
    }

    /** The header's cards. */
    public record Summary(String name, String serviceArn, String status, int desired, int running, int pending,
            TaskDefinitionRef taskDefinition, String launch, Instant createdAt) {
    }

    /**
     * A progress bar of running and pending tasks against the desired count: the widths are percents of the bar,
     * which is as long as the larger of the desired count and the tasks there are (a deployment may run more than it
     * wants while it scales in).
     */
    public record Progress(int desired, int running, int pending, double runningWidth, double pendingWidth,
            String label) {
    }

    /** One deployment's row; {@code threshold} is the circuit breaker's, 0 when the breaker is off. */
    public record DeploymentRow(String id, String status, TaskDefinitionRef taskDefinition, Progress progress,
            String rolloutState, String rolloutStateReason, boolean circuitBreaker, int failedTasks, int threshold,
            Instant createdAt, Instant updatedAt) {
    }

    /** One event; the newest is highlighted. */
    public record EventRow(String id, Instant at, String message, boolean newest) {
    }

    /** One task's row. */
    public record TaskRow(String id, String href, String lastStatus, String desiredStatus, String health,
            Instant startedAt, TaskDefinitionRef taskDefinition, String stoppedReason) {
    }

    /** The service's tasks (its group's, that it owns), as DescribeServices counts them. */
    static List<Task> tasksOf(Snapshot state, Service service) {
        return ServiceTaskCounts.tasksOf(state, service);
    }

    static Summary summary(String region, Service service, List<Task> tasks) {
        return new Summary(service.serviceName(), service.serviceArn(), service.status().name(),
                service.desiredCount(), ServiceTaskCounts.running(tasks, null), ServiceTaskCounts.pending(tasks, null),
                taskDefinition(region, service.taskDefinition()),
                launch(service.launchType(), service.capacityProviderStrategy()), service.createdAt());
    }

    /** How the service's tasks are launched: a launch type, or a capacity provider strategy. */
    static String launch(String launchType, List<CapacityProviderStrategyItem> strategy) {
        if (strategy != null && !strategy.isEmpty()) {
            return strategy.stream()
                    .map(item -> item.capacityProvider() + " (weight " + item.weightOrZero() + ", base "
                            + (item.base() == null ? 0 : item.base()) + ")")
                    .collect(Collectors.joining(", "));
        }
        return launchType == null ? "—" : launchType;
    }

    /** The deployments, PRIMARY first, as the service keeps them. */
    static List<DeploymentRow> deployments(String region, Service service, List<Task> tasks) {
        DeploymentConfiguration configuration = service.deploymentConfiguration() == null
                ? DeploymentConfiguration.defaults() : service.deploymentConfiguration();
        boolean breaker = configuration.circuitBreakerEnabled();
        int threshold = breaker ? ServicePlanner.circuitBreakerThreshold(service.desiredCount(), configuration) : 0;
        List<DeploymentRow> rows = new ArrayList<>();
        for (Deployment deployment : Lists.orEmpty(service.deployments())) {
            rows.add(new DeploymentRow(deployment.id(), deployment.status().name(),
                    taskDefinition(region, deployment.taskDefinition()),
                    progress(deployment.desiredCount(), ServiceTaskCounts.running(tasks, deployment.id()),
                            ServiceTaskCounts.pending(tasks, deployment.id())),
                    deployment.rolloutState() == null ? "" : deployment.rolloutState().name(),
                    deployment.rolloutStateReason(), breaker, deployment.failedTasks(), threshold,
                    deployment.createdAt(), deployment.updatedAt()));
        }
        rows.sort(Comparator.comparing((DeploymentRow row) -> !"PRIMARY".equals(row.status())));
        return rows;
    }

    /** The progress of {@code running} and {@code pending} tasks toward {@code desired}. */
    static Progress progress(int desired, int running, int pending) {
        int length = Math.max(desired, running + pending);
        double runningWidth = length == 0 ? 0 : 100.0 * running / length;
        double pendingWidth = length == 0 ? 0 : 100.0 * pending / length;
        String label = running + " of " + desired + " running" + (pending > 0 ? ", " + pending + " pending" : "");
        return new Progress(desired, running, pending, round(runningWidth), round(pendingWidth), label);
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    /** The events, newest first; the first is the newest. */
    static List<EventRow> events(Service service) {
        List<ServiceEvent> events = new ArrayList<>(Lists.orEmpty(service.events()));
        // the service keeps them newest first; sorting again (stable) keeps that order among equal times
        events.sort(Comparator.comparing(ServiceEvent::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ServiceEvent event = events.get(i);
            rows.add(new EventRow(event.id(), event.createdAt(), event.message(), i == 0));
        }
        return rows;
    }

    /**
     * The service's tasks: those it wants running first, newest first, then stopped ones, most recently stopped
     * first; at most {@link #MAX_TASKS}.
     */
    static List<TaskRow> tasks(String region, String clusterName, List<Task> tasks) {
        Comparator<Task> order = Comparator.comparing((Task task) -> task.desiredStatus() != DesiredStatus.RUNNING)
                .thenComparing(task -> task.stoppedAt() == null ? task.createdAt() : task.stoppedAt(),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Task::taskArn);
        return tasks.stream().sorted(order).limit(MAX_TASKS)
                .map(task -> new TaskRow(task.taskId(), ConsolePaths.task(region, clusterName, task.taskId()),
                        task.lastStatus().name(), task.desiredStatus().name(),
                        task.healthStatus() == null ? "UNKNOWN" : task.healthStatus().name(), task.startedAt(),
                        taskDefinition(region, task.taskDefinitionArn()), task.stoppedReason()))
                .toList();
    }

    /** A task definition's label and link, from its ARN ({@code ...:task-definition/family:revision}). */
    static TaskDefinitionRef taskDefinition(String region, String arn) {
        if (arn == null) {
            return new TaskDefinitionRef("—", null);
        }
        String name = arn.substring(arn.indexOf('/') + 1);
        int colon = name.lastIndexOf(':');
        if (colon < 0) {
            return new TaskDefinitionRef(name, ConsolePaths.family(region, name));
        }
        try {
            int revision = Integer.parseInt(name.substring(colon + 1));
            return new TaskDefinitionRef(name, ConsolePaths.revision(region, name.substring(0, colon), revision));
        } catch (NumberFormatException e) {
            return new TaskDefinitionRef(name, null);
        }
    }
}
