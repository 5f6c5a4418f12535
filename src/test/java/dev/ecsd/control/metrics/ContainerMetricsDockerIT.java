package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerRuntime.ContainerStats;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.MemoryMetricStore;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;

/**
 * Measured load on a real engine: a Fargate task of 256 CPU units whose container burns CPU as fast as it can is
 * held by its quota to a quarter of a core, and the published CPUUtilization says it uses all it reserved — near
 * 100, not above it.
 */
@RequiresDocker
class ContainerMetricsDockerIT {
    private static final Map<String, String> SERVICE = Map.of("ClusterName", "metrics-it", "ServiceName", "burn");
    private final MemoryMetricStore metrics = new MemoryMetricStore();
    private TestServer server;
    private String instanceId;

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }

    @Test
    void aTaskBurningCpuAtCpu256UsesAllOfItsQuarterCoreAndNoMore() {
        server = TestServer.startWithDocker(MetricPeriod.ofSeconds(5), metrics);
        instanceId = DockerCli.instanceIdOf(server.dataDirectory());
        DockerRuntime runtime = (DockerRuntime) server.server().runtime();
        String image = TestImages.busybox(runtime);
        server.ecs().createCluster(r -> r.clusterName("metrics-it"));
        EcsTasks tasks = new EcsTasks(server.ecs(), "metrics-it");
        String definition = tasks.register("burn", ContainerDefinition.builder().name("burn").image(image)
                .essential(true).command("sh", "-c", "while :; do :; done").build());
        server.ecs().createService(r -> r.cluster("metrics-it").serviceName("burn").taskDefinition(definition)
                .desiredCount(1).launchType(LaunchType.FARGATE).networkConfiguration(EcsTasks.awsvpc()));
        String taskArn = await("the task").atMost(EcsTasks.PATIENCE).until(
                () -> server.ecs().listTasks(r -> r.cluster("metrics-it")).taskArns(), arns -> !arns.isEmpty())
                .getFirst();
        String containerId = tasks.awaitStatus(taskArn, "RUNNING").containers().getFirst().runtimeId();

        // what one stats call costs: the engine waits for its next samples
        long began = System.nanoTime();
        ContainerStats stats = runtime.stats(containerId).orElseThrow();
        Duration oneCall = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("one Docker stats call took %d ms; the engine saw %.1f %% of one core%n",
                oneCall.toMillis(), stats.cpuPercentOfOneCore());
        assertThat(stats.cpuTotalNanos()).isPositive();

        // A period's data once the agent has sampled the task twice (the first sample of a container is the engine's
        // own one-second figure; later ones are averages between the sampler's own samples). The quota caps every
        // period; on a shared machine other work may take CPU from the task for a while, so one period at full use is
        // awaited, not every one.
        List<MetricDatum> data = await("a period of CPUUtilization near 100").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> metrics.data("AWS/ECS", "CPUUtilization", SERVICE), periods -> periods.size() >= 3
                        && periods.stream().skip(1).anyMatch(d -> d.sum() / d.sampleCount() >= 85));
        System.out.printf("CPUUtilization of a task burning CPU at cpu 256, period by period: %s%n", data.stream()
                .map(d -> String.format("%.1f", d.sum() / d.sampleCount())).toList());
        assertThat(data).allSatisfy(cpu -> {
            assertThat(cpu.sampleCount()).isEqualTo(1);
            assertThat(cpu.storageResolutionSeconds()).isEqualTo(1);
            assertThat(cpu.sum() / cpu.sampleCount()).as("CPU units used of the 256 reserved, in percent")
                    .isLessThanOrEqualTo(110);
        });
        List<MetricDatum> memory = metrics.data("AWS/ECS", "MemoryUtilization", SERVICE);
        assertThat(memory).isNotEmpty();
        assertThat(memory.getLast().sum()).isPositive().isLessThan(100);
    }
}
