package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ecsd.control.metrics.TaskUsageBoard.TaskLoad;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsMetricsTest {
    private static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/prod";
    private static final Instant PERIOD = Instant.parse("2026-03-12T10:01:00Z");
    private static final Map<String, String> SERVICE = Map.of("ClusterName", "prod", "ServiceName", "web");
    private static final Map<String, String> CLUSTER = Map.of("ClusterName", "prod");

    @Test
    void aServiceAndItsClusterGetUtilizationAsStatisticSetsAtThePeriodStart() {
        List<Task> tasks = List.of(task("a", "service:web", TaskStatus.RUNNING),
                task("b", "service:web", TaskStatus.RUNNING), task("c", null, TaskStatus.RUNNING));
        Map<String, TaskLoad> loads = Map.of(arn("a"), new TaskLoad(230.4, 256, 4), arn("b"), new TaskLoad(128, 128, 4),
                arn("c"), new TaskLoad(256, 512, 4));

        List<MetricDatum> data = EcsMetrics.compute(List.of(cluster("disabled")), List.of(), tasks, loads, PERIOD, 60);

        MetricDatum cpu = only(data, "AWS/ECS", "CPUUtilization", SERVICE);
        assertThat(cpu.timestamp()).isEqualTo(PERIOD);
        assertThat(cpu.unit()).isEqualTo("Percent");
        assertThat(cpu.storageResolutionSeconds()).isEqualTo(60);
        assertThat(cpu.sampleCount()).isEqualTo(2);
        assertThat(cpu.sum() / cpu.sampleCount()).isCloseTo((230.4 + 128) * 100 / 512, within(1e-9));
        assertThat(cpu.minimum()).isCloseTo(50, within(1e-9));
        assertThat(cpu.maximum()).isCloseTo(90, within(1e-9));
        MetricDatum memory = only(data, "AWS/ECS", "MemoryUtilization", SERVICE);
        assertThat(memory.sum() / memory.sampleCount()).isCloseTo((256 + 128) * 100.0 / 1024, within(1e-9));
        // the cluster counts its standalone task too
        MetricDatum clusterCpu = only(data, "AWS/ECS", "CPUUtilization", CLUSTER);
        assertThat(clusterCpu.sampleCount()).isEqualTo(3);
        assertThat(clusterCpu.sum() / clusterCpu.sampleCount()).isCloseTo((230.4 + 128 + 256) * 100 / 768,
                within(1e-9));
        assertThat(data).noneMatch(d -> d.key().namespace().equals("ECS/ContainerInsights"));
    }

    @Test
    void noMeasuredTaskNoDataPoint() {
        List<Task> tasks = List.of(task("a", "service:web", TaskStatus.RUNNING));

        assertThat(EcsMetrics.compute(List.of(cluster("disabled")), List.of(), tasks, Map.of(), PERIOD, 60)).isEmpty();
    }

    @Test
    void containerInsightsAddsUsageReservationsAndTaskCountsPerServiceAndCluster() {
        List<Task> tasks = List.of(task("a", "service:web", TaskStatus.RUNNING),
                task("b", "service:web", TaskStatus.RUNNING), task("p", "service:web", TaskStatus.PENDING));
        Map<String, TaskLoad> loads = Map.of(arn("a"), new TaskLoad(200, 100, 4), arn("b"), new TaskLoad(100, 50, 4));

        List<MetricDatum> data = EcsMetrics.compute(List.of(cluster("enabled")), List.of(service(4)), tasks, loads,
                PERIOD, 1);

        MetricDatum cpuUtilized = only(data, "ECS/ContainerInsights", "CpuUtilized", SERVICE);
        assertThat(cpuUtilized.unit()).isEqualTo("None");
        assertThat(cpuUtilized.sum()).isEqualTo(300);
        assertThat(cpuUtilized.sampleCount()).isEqualTo(2);
        assertThat(only(data, "ECS/ContainerInsights", "CpuReserved", SERVICE).sum()).isEqualTo(512);
        MetricDatum memoryUtilized = only(data, "ECS/ContainerInsights", "MemoryUtilized", SERVICE);
        assertThat(memoryUtilized.unit()).isEqualTo("Megabytes");
        assertThat(memoryUtilized.sum()).isEqualTo(150);
        assertThat(only(data, "ECS/ContainerInsights", "MemoryReserved", SERVICE).sum()).isEqualTo(1024);
        assertThat(only(data, "ECS/ContainerInsights", "RunningTaskCount", SERVICE).sum()).isEqualTo(2);
        assertThat(only(data, "ECS/ContainerInsights", "PendingTaskCount", SERVICE).sum()).isEqualTo(1);
        assertThat(only(data, "ECS/ContainerInsights", "DesiredTaskCount", SERVICE).sum()).isEqualTo(4);
        assertThat(only(data, "ECS/ContainerInsights", "DeploymentCount", SERVICE).sum()).isZero();
        assertThat(only(data, "ECS/ContainerInsights", "RunningTaskCount", CLUSTER).unit()).isEqualTo("Count");
        assertThat(only(data, "ECS/ContainerInsights", "DesiredTaskCount", CLUSTER).sum()).isEqualTo(4);
        assertThat(only(data, "ECS/ContainerInsights", "CpuUtilized", CLUSTER).sum()).isEqualTo(300);
        assertThat(data).allMatch(d -> d.storageResolutionSeconds() == 1 && d.timestamp().equals(PERIOD));
    }

    @Test
    void enhancedIncludesContainerInsightsAndCountsArePublishedWithoutTasks() {
        List<MetricDatum> data = EcsMetrics.compute(List.of(cluster("enhanced")), List.of(service(0)), List.of(),
                Map.of(), PERIOD, 60);

        assertThat(only(data, "ECS/ContainerInsights", "RunningTaskCount", SERVICE).sum()).isZero();
        assertThat(data).noneMatch(d -> d.key().namespace().equals("AWS/ECS"));
        assertThat(data).noneMatch(d -> d.key().metricName().equals("CpuUtilized"));
    }

    private static MetricDatum only(List<MetricDatum> data, String namespace, String name, Map<String, String> dims) {
        MetricKey key = MetricKey.of(namespace, name, dims);
        List<MetricDatum> found = data.stream().filter(d -> d.key().equals(key)).toList();
        assertThat(found).as("data of %s", key).hasSize(1);
        return found.getFirst();
    }

    private static Cluster cluster(String containerInsights) {
        return new Cluster(CLUSTER_ARN, "prod", ClusterStatus.ACTIVE,
                List.of(new KeyValuePair("containerInsights", containerInsights)), null, List.of(), List.of(), null,
                List.of(), PERIOD);
    }

    private static Service service(int desired) {
        return new Service.Builder().serviceArn("arn:aws:ecs:us-east-1:000000000000:service/prod/web")
                .serviceName("web").clusterArn(CLUSTER_ARN).status(ServiceStatus.ACTIVE).desiredCount(desired)
                .createdAt(PERIOD).deployments(List.of()).events(List.of()).build();
    }

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:000000000000:task/prod/" + id;
    }

    private static Task task(String id, String group, TaskStatus status) {
        return new Task.Builder().taskArn(arn(id)).clusterArn(CLUSTER_ARN).group(group).cpu("256").memory("512")
                .lastStatus(status).desiredStatus(DesiredStatus.RUNNING).containers(List.of()).build();
    }
}
