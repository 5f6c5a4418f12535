package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.channel.TaskUsage;
import dev.ecsd.control.metrics.RequestCountSource.Reading;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryMetricStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher on virtual time with a manual controller runtime: when it publishes, and what from. */
class EcsMetricsPublisherTest {
    private static final Instant START = Instant.parse("2026-03-12T10:00:03Z");
    private static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/prod";
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:000000000000:task/prod/1";
    private static final String LB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1";
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/2";
    private static final Map<String, String> LOAD_BALANCER = Map.of("LoadBalancer", "app/web/1");
    private static final Map<String, String> SERVICE = Map.of("ClusterName", "prod", "ServiceName", "web");

    private final VirtualTimer timer = new VirtualTimer(START);
    private final StateStore store = StateStore.open(new MemoryBackend(), timer);
    private final ControllerRuntime controllers = ControllerRuntime.manual(timer);
    private final MemoryMetricStore metrics = new MemoryMetricStore();
    private final TaskUsageBoard usage = new TaskUsageBoard(timer, Duration.ofMinutes(1));
    private final AtomicReference<List<Reading>> counters = new AtomicReference<>(List.of());

    @AfterEach
    void close() {
        controllers.close();
        store.close();
    }

    @Test
    void eachPeriodAlignedToTheEpochIsPublishedOnceAtItsEndStampedAtItsStart() {
        store.write(tx -> {
            tx.put(Kind.CLUSTER, new Cluster(CLUSTER_ARN, "prod", ClusterStatus.ACTIVE, List.of(), null, List.of(),
                    List.of(), null, List.of(), START));
            return tx.put(Kind.TASK, new Task.Builder().taskArn(TASK_ARN).clusterArn(CLUSTER_ARN).group("service:web")
                    .cpu("256").memory("512").lastStatus(TaskStatus.RUNNING).desiredStatus(DesiredStatus.RUNNING)
                    .containers(List.of()).build());
        });
        start(MetricPeriod.ofSeconds(10));

        sample(128); // at 10:00:03, in the period 10:00:00-10:00:10
        step(Duration.ofSeconds(6));
        assertThat(metrics.data()).as("nothing before the period's end").isEmpty();
        step(Duration.ofSeconds(1)); // 10:00:10
        assertThat(metrics.data("AWS/ECS", "CPUUtilization", SERVICE)).singleElement()
                .satisfies(d -> assertThat(d.timestamp()).isEqualTo(Instant.parse("2026-03-12T10:00:00Z")))
                .satisfies(d -> assertThat(d.sum()).isEqualTo(50));

        sample(256);
        step(Duration.ofSeconds(5));
        sample(128);
        step(Duration.ofSeconds(5)); // 10:00:20

        List<MetricDatum> cpu = metrics.data("AWS/ECS", "CPUUtilization", SERVICE);
        assertThat(cpu).hasSize(2);
        assertThat(cpu.getLast().timestamp()).isEqualTo(Instant.parse("2026-03-12T10:00:10Z"));
        assertThat(cpu.getLast().storageResolutionSeconds()).isEqualTo(1);
        assertThat(cpu.getLast().sum()).isEqualTo(75); // the mean of two samples: 192 of 256 units

        controllers.controllers().forEach(c -> c.enqueue("publish"));
        controllers.runUntilIdle();
        step(Duration.ofSeconds(10));
        assertThat(metrics.data("AWS/ECS", "CPUUtilization", SERVICE)).as("published once; then no samples, no data")
                .hasSize(2);
    }

    @Test
    void loadBalancerCountsArePublishedAsTheDifferenceOverEachPeriod() {
        counters.set(List.of(reading(5)));
        start(MetricPeriod.AWS);

        counters.set(List.of(reading(15)));
        step(Duration.ofSeconds(57)); // 10:01:00
        counters.set(List.of(reading(40)));
        step(Duration.ofSeconds(60));
        step(Duration.ofSeconds(60)); // nothing more counted

        assertThat(metrics.data("AWS/ApplicationELB", "RequestCount", LOAD_BALANCER))
                .extracting(MetricDatum::timestamp, MetricDatum::sum, MetricDatum::storageResolutionSeconds)
                .containsExactly(tuple(Instant.parse("2026-03-12T10:00:00Z"), 10.0, 60),
                        tuple(Instant.parse("2026-03-12T10:01:00Z"), 25.0, 60));
    }

    private void start(MetricPeriod period) {
        new EcsMetricsPublisher(store, usage, metrics, period, counters::get, timer, controllers);
        controllers.runUntilIdle();
    }

    private void step(Duration duration) {
        timer.advance(duration);
        controllers.runUntilIdle();
    }

    private void sample(double cpuUnits) {
        usage.accept(new TaskUsage(TASK_ARN, timer.instant(),
                List.of(new TaskUsage.ContainerUsage("web", cpuUnits, 64))));
    }

    private static Reading reading(long requests) {
        return new Reading(LB, TG, requests, requests, 0, 0, 0, 0);
    }
}
