package dev.ecsd.control.metrics;

import dev.ecsd.control.metrics.StatisticSet.Share;
import dev.ecsd.control.metrics.TaskUsageBoard.TaskLoad;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The data ECS publishes for one period, computed from the state and the tasks' measured loads. Pure.
 *
 * <p>{@code AWS/ECS} CPUUtilization and MemoryUtilization per {ClusterName, ServiceName} and per {ClusterName}, as
 * statistic sets over the tasks measured in the period (see {@link StatisticSet#utilization}); a service or cluster
 * with no measured task has no data point. ecsd's capacity is Fargate-like, so the cluster's figure is over its
 * tasks' reservations (every measured task of the cluster, services' and standalone), not over instances.
 *
 * <p>With the cluster setting {@code containerInsights} {@code enabled} or {@code enhanced}, also
 * {@code ECS/ContainerInsights} per {ClusterName, ServiceName} (each ACTIVE service) and per {ClusterName}:
 * CpuUtilized and CpuReserved (CPU units, unit None), MemoryUtilized and MemoryReserved (Megabytes) as one value
 * per task (so Sum is the total and Average the mean per task), and RunningTaskCount, PendingTaskCount,
 * DesiredTaskCount and DeploymentCount (Count), the counts every period, zero included.
 */
public final class EcsMetrics {
    public static final String NAMESPACE = "AWS/ECS";
    public static final String CONTAINER_INSIGHTS = "ECS/ContainerInsights";
    public static final String CLUSTER_NAME = "ClusterName";
    public static final String SERVICE_NAME = "ServiceName";
    private static final String SERVICE_GROUP_PREFIX = "service:";

    private EcsMetrics() {
    }

    /** Everything to publish for the period starting at {@code periodStart}. */
    public static List<MetricDatum> compute(List<Cluster> clusters, List<Service> services, List<Task> tasks,
            Map<String, TaskLoad> loads, Instant periodStart, int storageResolutionSeconds) {
        Data data = new Data(periodStart, storageResolutionSeconds);
        for (Cluster cluster : clusters) {
            List<Task> clusterTasks = tasks.stream().filter(t -> cluster.clusterArn().equals(t.clusterArn())).toList();
            List<Service> clusterServices = services.stream()
                    .filter(s -> cluster.clusterArn().equals(s.clusterArn())).toList();
            Map<String, String> clusterDimensions = Map.of(CLUSTER_NAME, cluster.clusterName());
            List<Measured> measured = measured(clusterTasks, loads);
            Map<String, List<Measured>> byService = new LinkedHashMap<>();
            for (Measured task : measured) {
                serviceName(task.task()).ifPresent(name -> byService.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(task));
            }
            byService.forEach((serviceName, serviceTasks) -> utilization(data,
                    Map.of(CLUSTER_NAME, cluster.clusterName(), SERVICE_NAME, serviceName), serviceTasks));
            utilization(data, clusterDimensions, measured);
            if (containerInsights(cluster)) {
                for (Service service : clusterServices) {
                    if (!service.isActive()) {
                        continue;
                    }
                    List<Task> serviceTasks = clusterTasks.stream()
                            .filter(t -> service.taskGroup().equals(t.group())).toList();
                    insights(data, Map.of(CLUSTER_NAME, cluster.clusterName(), SERVICE_NAME, service.serviceName()),
                            serviceTasks, measured(serviceTasks, loads), service.desiredCount(),
                            Lists.orEmpty(service.deployments()).size());
                }
                List<Service> active = clusterServices.stream().filter(Service::isActive).toList();
                insights(data, clusterDimensions, clusterTasks, measured,
                        active.stream().mapToInt(Service::desiredCount).sum(),
                        active.stream().mapToInt(s -> Lists.orEmpty(s.deployments()).size()).sum());
            }
        }
        return data.data;
    }

    /** Whether the cluster's setting containerInsights is enabled (or enhanced, which includes it). */
    public static boolean containerInsights(Cluster cluster) {
        for (KeyValuePair setting : Lists.orEmpty(cluster.settings())) {
            if ("containerInsights".equals(setting.name())) {
                return "enabled".equals(setting.value()) || "enhanced".equals(setting.value());
            }
        }
        return false;
    }

    /** A task and its load in the period. */
    private record Measured(Task task, TaskLoad load, TaskReservation reservation) {
    }

    private static List<Measured> measured(List<Task> tasks, Map<String, TaskLoad> loads) {
        List<Measured> measured = new ArrayList<>();
        for (Task task : tasks) {
            TaskLoad load = loads.get(task.taskArn());
            if (load != null) {
                measured.add(new Measured(task, load, TaskReservation.of(task)));
            }
        }
        return measured;
    }

    private static Optional<String> serviceName(Task task) {
        String group = task.group();
        return group != null && group.startsWith(SERVICE_GROUP_PREFIX)
                ? Optional.of(group.substring(SERVICE_GROUP_PREFIX.length())) : Optional.empty();
    }

    private static void utilization(Data data, Map<String, String> dimensions, List<Measured> tasks) {
        StatisticSet.utilization(tasks.stream()
                        .map(t -> new Share(t.load().cpuUnits(), t.reservation().cpuUnits())).toList())
                .ifPresent(set -> data.add(NAMESPACE, "CPUUtilization", dimensions, "Percent", set));
        StatisticSet.utilization(tasks.stream()
                        .map(t -> new Share(t.load().memoryMiB(), t.reservation().memoryMiB())).toList())
                .ifPresent(set -> data.add(NAMESPACE, "MemoryUtilization", dimensions, "Percent", set));
    }

    private static void insights(Data data, Map<String, String> dimensions, List<Task> tasks, List<Measured> measured,
            int desired, int deployments) {
        perTask(data, dimensions, "CpuUtilized", "None", measured, t -> t.load().cpuUnits());
        perTask(data, dimensions, "CpuReserved", "None", measured, t -> t.reservation().cpuUnits());
        perTask(data, dimensions, "MemoryUtilized", "Megabytes", measured, t -> t.load().memoryMiB());
        perTask(data, dimensions, "MemoryReserved", "Megabytes", measured, t -> t.reservation().memoryMiB());
        long running = tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        long pending = tasks.stream().filter(Task::isPending).count();
        data.add(CONTAINER_INSIGHTS, "RunningTaskCount", dimensions, "Count", StatisticSet.single(running));
        data.add(CONTAINER_INSIGHTS, "PendingTaskCount", dimensions, "Count", StatisticSet.single(pending));
        data.add(CONTAINER_INSIGHTS, "DesiredTaskCount", dimensions, "Count", StatisticSet.single(desired));
        data.add(CONTAINER_INSIGHTS, "DeploymentCount", dimensions, "Count", StatisticSet.single(deployments));
    }

    private static void perTask(Data data, Map<String, String> dimensions, String name, String unit,
            List<Measured> tasks, ToDoubleFunction<Measured> value) {
        StatisticSet.ofValues(tasks.stream().map(t -> value.applyAsDouble(t)).toList())
                .ifPresent(set -> data.add(CONTAINER_INSIGHTS, name, dimensions, unit, set));
    }

    /** The data of one period, as it is gathered. */
    private static final class Data {
        final Instant timestamp;
        final int resolution;
        final List<MetricDatum> data = new ArrayList<>();

        Data(Instant timestamp, int resolution) {
            this.timestamp = timestamp;
            this.resolution = resolution;
        }

        void add(String namespace, String name, Map<String, String> dimensions, String unit, StatisticSet set) {
            data.add(MetricDatum.statisticSet(MetricKey.of(namespace, name, dimensions), timestamp, unit, resolution,
                    set.sampleCount(), set.sum(), set.minimum(), set.maximum()));
        }
    }
}
