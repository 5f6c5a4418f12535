package dev.ecsd.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Target tracking on measured CPU, end to end on a real engine: busybox tasks at task cpu 256 burn CPU until a
 * wall-clock deadline, ecsd publishes their CPUUtilization near 100, the policy's high alarm fires and the service
 * scales out; once the deadline passes the utilization falls, the low alarm fires after its 15 periods and the service
 * comes back in to its minimum.
 *
 * <p>ecsd's minute is 4 s here, so the high alarm needs 12 s of load and the low alarm 60 s of quiet. The deadline is
 * the same for every task, so tasks started by the scale-out burn only until the first ones stop, and the whole test
 * takes about two and a half minutes. Cooldowns are not scaled by the metric period: they are given short.
 */
@RequiresDocker
class AutoScalingDockerIT {
    private static final String CLUSTER = "scaling-it";
    private static final String SERVICE = "burn";
    private static final String RESOURCE = "service/" + CLUSTER + "/" + SERVICE;
    private static final String DIMENSION = "ecs:service:DesiredCount";
    private static final MetricPeriod PERIOD = MetricPeriod.ofSeconds(4);
    private static final Duration BURN = Duration.ofSeconds(45);
    private static final int MIN = 1;
    private static final int MAX = 3;
    private static final double TARGET = 60;

    private TestServer server;
    private String instanceId;

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                try {
                    server.ecs().deleteService(r -> r.cluster(CLUSTER).service(SERVICE).force(true));
                } catch (RuntimeException e) {
                    // the service may not exist if the test failed early; the containers are removed below anyway
                }
                server.close();
            }
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }

    @Test
    void busyTasksScaleTheServiceOutAndQuietOnesBringItBackIn() {
        server = TestServer.startWithDocker(PERIOD, null);
        instanceId = DockerCli.instanceIdOf(server.dataDirectory());
        String image = TestImages.busybox((DockerRuntime) server.server().runtime());
        EcsClient ecs = server.ecs();
        try (CloudWatchClient cloudWatch = server.cloudWatch();
                ApplicationAutoScalingClient aas = AutoScalingFixtures.client(server.endpoint())) {
            Instant began = Instant.now();
            Instant burnUntil = began.plus(BURN);
            startBurningService(ecs, image, burnUntil);
            aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                    .minCapacity(MIN).maxCapacity(MAX));
            String policyArn = aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                    .scalableDimension(DIMENSION).policyName("cpu-target-tracking").policyType("TargetTrackingScaling")
                    .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(TARGET)
                            .predefinedMetricSpecification(p -> p.predefinedMetricType(
                                    "ECSServiceAverageCPUUtilization"))
                            .scaleOutCooldown(10).scaleInCooldown(5))).policyARN();

            // Scale-out: the high alarm crosses its threshold on the measured load and the policy raises the count.
            MetricAlarm high = await("the high alarm in ALARM").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> alarm(cloudWatch, "-AlarmHigh-"), a -> "ALARM".equals(a.stateValueAsString()));
            System.out.printf("high alarm after %d s: %s%n", Duration.between(began, Instant.now()).toSeconds(),
                    high.stateReason());
            assertThat(high.stateReason()).startsWith("Threshold Crossed: ")
                    .contains("greater than the threshold (" + TARGET + ")");
            assertThat(high.alarmActions()).containsExactly(policyArn);
            int scaledOut = await("the desired count raised").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).until(() -> service(ecs).desiredCount(), n -> n > MIN);
            assertThat(scaledOut).isLessThanOrEqualTo(MAX);

            List<Datapoint> cpu = cpuStatistics(cloudWatch, began, Instant.now());
            System.out.printf("CPUUtilization per 10 s while burning: %s%n", cpu.stream()
                    .map(d -> String.format("avg %.1f max %.1f", d.average(), d.maximum())).toList());
            assertThat(cpu).as("CPUUtilization of the service while its tasks burn their 256 units")
                    .anySatisfy(d -> assertThat(d.average()).isBetween(85.0, 110.0))
                    .allSatisfy(d -> assertThat(d.maximum()).isLessThanOrEqualTo(110.0));

            ScalingActivity out = activities(aas).stream()
                    .filter(a -> a.description().equals("Setting desired count to " + scaledOut + "."))
                    .findFirst().orElseThrow(() -> new AssertionError("no activity set the count to " + scaledOut
                            + ": " + activities(aas)));
            assertThat(out.statusCodeAsString()).isEqualTo("Successful");
            assertThat(out.statusMessage()).isEqualTo("Successfully set desired count to " + scaledOut
                    + ". Change successfully fulfilled by ecs.");
            assertThat(out.cause()).isEqualTo("monitor alarm " + high.alarmName()
                    + " in state ALARM triggered policy cpu-target-tracking");
            await("the scale-out's tasks started").atMost(Duration.ofSeconds(60)).until(() -> startedEvents(ecs)
                    .mapToInt(AutoScalingDockerIT::tasksStarted).sum() >= scaledOut);

            // Scale-in: after the deadline the tasks sleep; 15 quiet periods later the low alarm brings the count down.
            MetricAlarm low = await("the low alarm in ALARM").atMost(BURN.plus(Duration.ofSeconds(120)))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> alarm(cloudWatch, "-AlarmLow-"), a -> "ALARM".equals(a.stateValueAsString()));
            System.out.printf("low alarm after %d s: %s%n", Duration.between(began, Instant.now()).toSeconds(),
                    low.stateReason());
            assertThat(Instant.now()).isAfter(burnUntil);
            assertThat(low.stateReason()).startsWith("Threshold Crossed: ")
                    .contains("less than the threshold (" + TARGET * 0.9 + ")");
            Service quiet = await("the desired count back at the minimum").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> service(ecs), s -> s.desiredCount() == MIN);
            System.out.printf("back to %d task after %d s%n", quiet.desiredCount(),
                    Duration.between(began, Instant.now()).toSeconds());
            // the low alarm's last 15 periods (60 s) were all quiet: the last 40 s of data show it
            Instant lowAt = Instant.now();
            List<Datapoint> recent = cpuStatistics(cloudWatch, lowAt.minusSeconds(40), lowAt);
            System.out.printf("CPUUtilization per 10 s once quiet: %s%n", recent.stream()
                    .map(d -> String.format("avg %.1f max %.1f", d.average(), d.maximum())).toList());
            assertThat(recent).as("CPUUtilization once the tasks sleep").isNotEmpty()
                    .allSatisfy(d -> assertThat(d.maximum()).isLessThan(TARGET * 0.9));

            List<ScalingActivity> all = activities(aas);
            System.out.printf("activities: %s%n", all.stream().map(ScalingActivity::description).toList());
            assertThat(all).allSatisfy(a -> {
                assertThat(a.statusCodeAsString()).isEqualTo("Successful");
                assertThat(a.cause()).matches("monitor alarm TargetTracking-" + RESOURCE
                        + "-Alarm(High|Low)-[-0-9a-f]+ in state ALARM triggered policy cpu-target-tracking");
            });
            assertThat(all).extracting(a -> Integer.parseInt(a.description().replaceAll("\\D", "")))
                    .as("desired counts set, never outside [min, max]").allSatisfy(n -> assertThat(n).isBetween(MIN,
                            MAX)).last().isEqualTo(MIN);
            assertThat(all).filteredOn(a -> a.cause().contains("-AlarmLow-")).isNotEmpty();
            assertThat(quiet.events()).extracting(ServiceEvent::message)
                    .anyMatch(m -> m.startsWith("(service " + SERVICE + ") has stopped "));
        }
    }

    private static void startBurningService(EcsClient ecs, String image, Instant burnUntil) {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        // Burns until the deadline in pure shell arithmetic, looking at the clock every ten thousand rounds, then
        // sleeps; exits on SIGTERM so that scale-in and clean-up do not wait for the stop timeout.
        String burn = "trap 'exit 0' TERM; while [ $(date +%s) -lt $BURN_UNTIL ]; do i=0; "
                + "while [ $i -lt 10000 ]; do i=$((i+1)); done; done; sleep 3600 & wait";
        String definition = new EcsTasks(ecs, CLUSTER).register(SERVICE, ContainerDefinition.builder().name(SERVICE)
                .image(image).essential(true).command("sh", "-c", burn)
                .environment(KeyValuePair.builder().name("BURN_UNTIL")
                        .value(Long.toString(burnUntil.getEpochSecond())).build())
                .build());
        ecs.createService(r -> r.cluster(CLUSTER).serviceName(SERVICE).taskDefinition(definition).desiredCount(MIN)
                .launchType(LaunchType.FARGATE).networkConfiguration(EcsTasks.awsvpc()));
    }

    private static Service service(EcsClient ecs) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(SERVICE)).services().getFirst();
    }

    private static java.util.stream.Stream<String> startedEvents(EcsClient ecs) {
        return service(ecs).events().stream().map(ServiceEvent::message)
                .filter(m -> m.startsWith("(service " + SERVICE + ") has started "));
    }

    private static int tasksStarted(String event) {
        return Integer.parseInt(event.replaceAll(".* has started (\\d+) tasks.*", "$1"));
    }

    /** The policy's alarm whose name holds {@code kind}, found by the prefix AWS documents. */
    private static MetricAlarm alarm(CloudWatchClient cloudWatch, String kind) {
        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-" + RESOURCE))
                .metricAlarms();
        assertThat(alarms).hasSize(2);
        return alarms.stream().filter(a -> a.alarmName().contains(kind)).findFirst().orElseThrow();
    }

    /** The service's CPUUtilization per 10 s between {@code from} and {@code to}, oldest first. */
    private static List<Datapoint> cpuStatistics(CloudWatchClient cloudWatch, Instant from, Instant to) {
        return cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ECS").metricName("CPUUtilization")
                        .dimensions(d -> d.name("ClusterName").value(CLUSTER),
                                d -> d.name("ServiceName").value(SERVICE))
                        .startTime(from).endTime(to).period(10)
                        .statistics(Statistic.AVERAGE, Statistic.MAXIMUM))
                .datapoints().stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();
    }

    /** The target's activities, oldest first. */
    private static List<ScalingActivity> activities(ApplicationAutoScalingClient aas) {
        return aas.describeScalingActivities(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)).scalingActivities()
                .stream().sorted(Comparator.comparing(ScalingActivity::startTime)).toList();
    }
}
