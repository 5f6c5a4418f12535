package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * ecsd's metrics end to end on virtual time: a service created through the SDK runs on the simulated runtime at a
 * scripted load, the agent samples it, and the publisher puts AWS/ECS (and Container Insights when the cluster
 * enables it) into the metric store at the end of each minute.
 */
class EcsMetricsPublisherIT {
    private static final String IMAGE = "registry.example/web:1";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);
    private static final Map<String, String> SERVICE = Map.of("ClusterName", "prod", "ServiceName", "web");
    private static final Map<String, String> CLUSTER = Map.of("ClusterName", "prod");
    private final Scenario scenario = Scenario.start();

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void tasksAtNinetyPercentOfTheirCpuShowCpuUtilizationNinetyAtThePeriodStart() {
        scenario.ecs.createCluster(r -> r.clusterName("prod"));
        // a quarter of a core is all of a 256-unit task: 22.5 % of one core is 90 % of it; 256 of 512 MiB is 50 %
        scenario.runtime.setLoad(spec -> IMAGE.equals(spec.image()), 22.5, 256L << 20);
        startService(2);
        Instant periodStart = scenario.now();

        minute();

        MetricDatum cpu = single("AWS/ECS", "CPUUtilization", SERVICE);
        assertThat(cpu.timestamp()).isEqualTo(periodStart);
        assertThat(cpu.unit()).isEqualTo("Percent");
        assertThat(cpu.storageResolutionSeconds()).isEqualTo(60);
        assertThat(cpu.sampleCount()).isEqualTo(2);
        assertThat(cpu.sum() / cpu.sampleCount()).isCloseTo(90, within(1e-6));
        assertThat(cpu.minimum()).isCloseTo(90, within(1e-6));
        assertThat(cpu.maximum()).isCloseTo(90, within(1e-6));
        assertThat(single("AWS/ECS", "MemoryUtilization", SERVICE).sum() / 2).isCloseTo(50, within(1e-6));
        assertThat(single("AWS/ECS", "CPUUtilization", CLUSTER).sum() / 2).isCloseTo(90, within(1e-6));
        assertThat(scenario.metrics.data()).noneMatch(d -> d.key().namespace().equals("ECS/ContainerInsights"));

        // One task works harder: the average follows the units, the maximum is that task's own. A sample counts for
        // the period it arrives in, so the one taken at the boundary (of the load before) is the next period's.
        String busy = scenario.ecs.listTasks(r -> r.cluster("prod")).taskArns().getFirst();
        scenario.runtime.setLoad(spec -> busy.equals(spec.labels().get(ContainerSpecs.LABEL_TASK_ARN)), 25, 256L << 20);
        minute();
        Instant thirdPeriod = scenario.now();
        minute();

        MetricDatum second = scenario.metrics.data("AWS/ECS", "CPUUtilization", SERVICE).getLast();
        assertThat(second.timestamp()).isEqualTo(thirdPeriod);
        assertThat(second.sum() / second.sampleCount()).isCloseTo(95, within(1e-6));
        assertThat(second.maximum()).isCloseTo(100, within(1e-6));
        assertThat(second.minimum()).isCloseTo(90, within(1e-6));
    }

    @Test
    void containerInsightsIsPublishedOnlyWhereTheClusterEnablesIt() {
        scenario.ecs.createCluster(r -> r.clusterName("prod").settings(s -> s.name("containerInsights").value("enabled")));
        scenario.runtime.setLoad(spec -> IMAGE.equals(spec.image()), 22.5, 256L << 20);
        startService(2);

        minute();

        assertThat(single("ECS/ContainerInsights", "CpuUtilized", SERVICE).sum()).isCloseTo(2 * 230.4, within(1e-6));
        assertThat(single("ECS/ContainerInsights", "CpuReserved", SERVICE).sum()).isEqualTo(512);
        assertThat(single("ECS/ContainerInsights", "MemoryUtilized", SERVICE).sum()).isCloseTo(512, within(1e-6));
        assertThat(single("ECS/ContainerInsights", "MemoryReserved", SERVICE).sum()).isEqualTo(1024);
        assertThat(single("ECS/ContainerInsights", "RunningTaskCount", SERVICE).sum()).isEqualTo(2);
        assertThat(single("ECS/ContainerInsights", "DesiredTaskCount", SERVICE).sum()).isEqualTo(2);
        assertThat(single("ECS/ContainerInsights", "DeploymentCount", SERVICE).sum()).isEqualTo(1);
        assertThat(single("ECS/ContainerInsights", "PendingTaskCount", CLUSTER).sum()).isZero();
        assertThat(single("AWS/ECS", "CPUUtilization", SERVICE).sum() / 2).isCloseTo(90, within(1e-6));
    }

    @Test
    void aServiceWithoutRunningTasksHasNoDataPoint() {
        scenario.ecs.createCluster(r -> r.clusterName("prod"));
        scenario.runtime.setLoad(spec -> IMAGE.equals(spec.image()), 22.5, 256L << 20);
        startService(1);
        minute();
        assertThat(scenario.metrics.data("AWS/ECS", "CPUUtilization", SERVICE)).hasSize(1);

        scenario.ecs.updateService(r -> r.cluster("prod").service("web").desiredCount(0));
        scenario.await("the task stopped", () -> scenario.ecs.listTasks(r -> r.cluster("prod")
                .desiredStatus(DesiredStatus.RUNNING)).taskArns(), List::isEmpty);
        scenario.await("the task is gone from the agent", () -> scenario.server.server().agent().activeWorkers(),
                workers -> workers == 0);
        minute(); // the period the task stopped in may still have its last samples
        int published = scenario.metrics.data("AWS/ECS", "CPUUtilization", SERVICE).size();
        minute();
        minute();

        assertThat(scenario.metrics.data("AWS/ECS", "CPUUtilization", SERVICE)).hasSize(published);
        assertThat(scenario.metrics.data("AWS/ECS", "CPUUtilization", CLUSTER)).hasSize(published);
        assertThat(scenario.metrics.data()).noneMatch(d -> !d.timestamp().isBefore(scenario.now().minusSeconds(120)));
    }

    /** Lets a minute of virtual time pass, one sampling interval at a time, waiting for each round of samples. */
    private void minute() {
        for (int i = 0; i < 4; i++) {
            long rounds = scenario.server.server().agent().usageSamplingRounds();
            scenario.advance(SAMPLE_EVERY);
            scenario.await("a sampling round", () -> scenario.server.server().agent().usageSamplingRounds(),
                    done -> done > rounds);
        }
        scenario.settle();
    }

    private void startService(int desired) {
        String definition = scenario.ecs.registerTaskDefinition(r -> r.family("web")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(IMAGE).essential(true).build()))
                .taskDefinition().taskDefinitionArn();
        scenario.ecs.createService(r -> r.cluster("prod").serviceName("web").taskDefinition(definition)
                .desiredCount(desired).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
        scenario.await(desired + " tasks running", () -> scenario.ecs.describeServices(r -> r.cluster("prod")
                .services("web")).services().getFirst().runningCount(), running -> running == desired);
    }

    private MetricDatum single(String namespace, String name, Map<String, String> dimensions) {
        List<MetricDatum> data = scenario.metrics.data(namespace, name, dimensions);
        assertThat(data).as("%s %s %s", namespace, name, dimensions).hasSize(1);
        return data.getFirst();
    }
}
