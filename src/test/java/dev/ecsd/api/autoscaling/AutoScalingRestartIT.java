package dev.ecsd.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.ServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricAggregationType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A control plane killed with SIGKILL between alarms firing and the scaling they cause, in its own JVM on the
 * simulated runtime: after a restart every service has scaled exactly once.
 *
 * <p>A single process cannot be stopped exactly between two of its transactions, so the first test makes the gap wide
 * and kills inside it: {@value #SERVICES} services each have a step scaling policy (+1, no cooldown) invoked by its own
 * alarm on one shared metric. One PutMetricData breaches every alarm in the same period; alarm evaluation writes all
 * their states and Auto Scaling invocations in one transaction, and Application Auto Scaling then carries them out
 * one target per transaction. The test kills the server as soon as the first scaling activity is visible, so some
 * invocations were carried out before the kill and the others were written but not yet carried out; it asserts that
 * both happened, and that after the restart every service was scaled once — no invocation lost, none repeated. The
 * second test kills the server before the evaluation's write.
 *
 * <p>Why exactly once holds wherever the kill lands, for one alarm and one policy:
 * <ul>
 * <li>before the evaluation's write: nothing of the period is recorded (neither the alarm's new state nor its last
 * evaluated period end), so the restarted server evaluates the period and writes the invocation then (provided it is
 * back before the next period ends; after a longer outage the newest period decides, there being nothing to catch
 * up) — the second test;</li>
 * <li>after that write, before the invocation is carried out: the invocation is durable, and the restarted Auto
 * Scaling controller's first resync carries it out — most services of the first test;</li>
 * <li>after it is carried out: the invocation was deleted in the transaction that set the desired count and wrote
 * the activity, and the target's bookkeeping records the alarm's period as consumed, so neither a leftover nor a
 * re-evaluation of the same period can scale again — the first services of the first test.</li>
 * </ul>
 * The policies have no cooldown, so a repeated invocation would show as a second activity and a desired count of 2.
 * No later period legitimately scales again: the metric has one data point, and although each alarm stays in ALARM
 * while that point is within its evaluation range (and invokes its policy each period), those invocations carry no
 * value for their newest period, on which a policy does not scale. (Suspending dynamic scaling does not hold an
 * invocation back for later: one that arrives while scale-out is suspended is consumed without scaling, as AWS drops
 * it, so it cannot widen the gap.)
 */
class AutoScalingRestartIT {
    private static final int SERVICES = 150;
    private static final String CLUSTER = "restart-scaling";
    private static final String DIMENSION = "ecs:service:DesiredCount";
    private static final String NAMESPACE = "E2E/Restart";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void servicesWhoseAlarmsFiredJustBeforeAKill9ScaleExactlyOnceAfterTheRestart() {
        // ecsd's minute is 5 s: each alarm period lasts 5 s, and the one after the breach ends it.
        try (ServerProcess server = ServerProcess.start("--runtime", "simulated", "--metric-period-seconds", "5")) {
            List<String> services = services(SERVICES);
            try (CloudWatchClient cloudWatch = server.cloudWatch();
                    ApplicationAutoScalingClient aas = server.autoScaling()) {
                setUp(server.ecs(), aas, cloudWatch, services);
                breach(cloudWatch);
                await("the first scaling activity").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
                        .pollDelay(Duration.ZERO)
                        .until(() -> !aas.describeScalingActivities(r -> r.serviceNamespace("ecs").maxResults(1))
                                .scalingActivities().isEmpty());
            }
            Instant killedAt = kill9AndRestart(server);

            Map<String, ScalingActivity> scaled = assertScaledOnce(server, services, killedAt);
            long before = scaled.values().stream().filter(a -> a.startTime().isBefore(killedAt)).count();
            long after = scaled.values().stream().filter(a -> a.startTime().isAfter(killedAt)).count();
            System.out.printf("scaled before the kill: %d, after the restart: %d%n", before, after);
            assertThat(before).as("services scaled before the kill").isPositive();
            assertThat(after).as("services whose invocation waited through the kill").isPositive();
            assertThat(before + after).isEqualTo(SERVICES);
            try (CloudWatchClient cloudWatch = server.cloudWatch()) {
                assertThat(enteredAlarm(cloudWatch)).as("when each alarm entered ALARM, with its invocation")
                        .hasSize(SERVICES).allSatisfy((alarm, at) -> assertThat(at).isBefore(killedAt));
            }
        }
    }

    /**
     * The other side of the write: the breaching data point is in the metric store but its period has not ended when
     * the server is killed, so nothing of the alarm's evaluation exists yet; the restarted server evaluates the period
     * and scales once. ecsd's minute is 10 s here so that the restart is over well before the next period ends.
     */
    @Test
    void servicesWhoseBreachWasNotYetEvaluatedAtAKill9ScaleExactlyOnceAfterTheRestart() {
        try (ServerProcess server = ServerProcess.start("--runtime", "simulated", "--metric-period-seconds", "10")) {
            List<String> services = services(3);
            try (CloudWatchClient cloudWatch = server.cloudWatch();
                    ApplicationAutoScalingClient aas = server.autoScaling()) {
                setUp(server.ecs(), aas, cloudWatch, services);
                breach(cloudWatch);
            }
            // The period is evaluated a tenth of ecsd's minute after it ends, at least 1 s from now: the kill is first.
            Instant killedAt = kill9AndRestart(server);

            Map<String, ScalingActivity> scaled = assertScaledOnce(server, services, killedAt);
            assertThat(scaled.values()).extracting(ScalingActivity::startTime)
                    .allSatisfy(at -> assertThat(at).isAfter(killedAt));
            try (CloudWatchClient cloudWatch = server.cloudWatch()) {
                assertThat(enteredAlarm(cloudWatch)).as("when each alarm entered ALARM").hasSize(services.size())
                        .allSatisfy((alarm, at) -> assertThat(at).isAfter(killedAt));
            }
        }
    }

    private static List<String> services(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("web-%03d", i)).toList();
    }

    private static void setUp(EcsClient ecs, ApplicationAutoScalingClient aas, CloudWatchClient cloudWatch,
            List<String> services) {
        Instant began = Instant.now();
        createServices(ecs, services);
        services.forEach(service -> scaleOnAlarm(aas, cloudWatch, service));
        System.out.printf("%d services, targets, policies and alarms set up in %d ms%n", services.size(),
                Duration.between(began, Instant.now()).toMillis());
    }

    /** One data point above every alarm's threshold, in the current period. */
    private static void breach(CloudWatchClient cloudWatch) {
        // High resolution: a standard-resolution point is stored at its minute, which is many alarm periods here.
        cloudWatch.putMetricData(r -> r.namespace(NAMESPACE).metricData(d -> d.metricName("Load").value(100.0)
                .unit(StandardUnit.PERCENT).storageResolution(1).timestamp(Instant.now())));
    }

    /** Kills the server with SIGKILL and starts it again; answers a time after the old process exited. */
    private static Instant kill9AndRestart(ServerProcess server) {
        server.kill9();
        // The process has exited: whatever bears a later time was done by the restarted one.
        Instant killedAt = Instant.now();
        server.restart();
        System.out.printf("killed at %s, healthy again after %d ms%n", killedAt,
                Duration.between(killedAt, Instant.now()).toMillis());
        return killedAt;
    }

    /**
     * Waits until every service has scaled and every alarm has been evaluated once more after the restart (back to
     * OK, its metric having no more data), so anything that could still scale would have; then asserts one task and
     * one Successful activity per service. Answers each service's activity.
     */
    private static Map<String, ScalingActivity> assertScaledOnce(ServerProcess server, List<String> services,
            Instant killedAt) {
        EcsClient ecs = server.ecs();
        try (CloudWatchClient cloudWatch = server.cloudWatch();
                ApplicationAutoScalingClient aas = server.autoScaling()) {
            await("every service at one task").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> desiredCounts(ecs, services).values().stream().allMatch(n -> n == 1));
            System.out.printf("every service scaled %d ms after the kill%n",
                    Duration.between(killedAt, Instant.now()).toMillis());
            // back to OK only once the data point has left the alarm's evaluation range, a few periods later
            await("every alarm evaluated after the restart").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> alarms(cloudWatch).stream().allMatch(a -> "OK".equals(a.stateValueAsString())
                            && a.stateUpdatedTimestamp().isAfter(killedAt)));

            System.out.printf("every alarm back to OK %d ms after the kill%n",
                    Duration.between(killedAt, Instant.now()).toMillis());
            assertThat(desiredCounts(ecs, services)).as("desired counts after the restart")
                    .hasSize(services.size()).allSatisfy((service, count) -> assertThat(count).isEqualTo(1));
            Map<String, List<ScalingActivity>> byService = activities(aas).stream().collect(
                    Collectors.groupingBy(a -> a.resourceId().substring(a.resourceId().lastIndexOf('/') + 1)));
            assertThat(byService).as("activities per service").hasSize(services.size())
                    .allSatisfy((service, list) -> assertThat(list).singleElement().satisfies(a -> {
                        assertThat(a.statusCodeAsString()).isEqualTo("Successful");
                        assertThat(a.description()).isEqualTo("Setting desired count to 1.");
                        assertThat(a.cause()).isEqualTo("monitor alarm alarm-" + service
                                + " in state ALARM triggered policy scale-out");
                    }));
            return byService.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().getFirst()));
        }
    }

    /** When each alarm entered ALARM, by its history; an alarm that entered it twice fails the test. */
    private static Map<String, Instant> enteredAlarm(CloudWatchClient cloudWatch) {
        Map<String, List<AlarmHistoryItem>> toAlarm = history(cloudWatch).stream()
                .filter(h -> h.historySummary().endsWith(" to ALARM"))
                .collect(Collectors.groupingBy(AlarmHistoryItem::alarmName));
        toAlarm.forEach((alarm, items) -> assertThat(items).as("%s entering ALARM", alarm).hasSize(1));
        return toAlarm.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().getFirst().timestamp()));
    }

    private static void createServices(EcsClient ecs, List<String> services) {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String definition = ecs.registerTaskDefinition(r -> r.family("restart-scaling")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image("busybox").essential(true)))
                .taskDefinition().taskDefinitionArn();
        for (String service : services) {
            ecs.createService(r -> r.cluster(CLUSTER).serviceName(service).taskDefinition(definition).desiredCount(0)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
        }
    }

    /** A target of 0 to 5 tasks whose step policy adds one task, invoked by an alarm on the shared metric. */
    private static void scaleOnAlarm(ApplicationAutoScalingClient aas, CloudWatchClient cloudWatch, String service) {
        String resourceId = "service/" + CLUSTER + "/" + service;
        aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(resourceId).scalableDimension(DIMENSION)
                .minCapacity(0).maxCapacity(5));
        String policyArn = aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(resourceId)
                .scalableDimension(DIMENSION).policyName("scale-out").policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(0)
                        .metricAggregationType(MetricAggregationType.MAXIMUM)
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1))))
                .policyARN();
        cloudWatch.putMetricAlarm(r -> r.alarmName("alarm-" + service).namespace(NAMESPACE).metricName("Load")
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(50.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching")
                .alarmActions(policyArn));
    }

    private static Map<String, Integer> desiredCounts(EcsClient ecs, List<String> services) {
        List<Service> described = new ArrayList<>();
        for (int from = 0; from < services.size(); from += 10) {
            List<String> page = services.subList(from, Math.min(services.size(), from + 10));
            described.addAll(ecs.describeServices(r -> r.cluster(CLUSTER).services(page)).services());
        }
        return described.stream().collect(Collectors.toMap(Service::serviceName, Service::desiredCount));
    }

    private static List<MetricAlarm> alarms(CloudWatchClient cloudWatch) {
        return cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("alarm-")).metricAlarms().stream().toList();
    }

    private static List<ScalingActivity> activities(ApplicationAutoScalingClient aas) {
        return aas.describeScalingActivitiesPaginator(r -> r.serviceNamespace("ecs")).scalingActivities().stream()
                .toList();
    }

    private static List<AlarmHistoryItem> history(CloudWatchClient cloudWatch) {
        return cloudWatch.describeAlarmHistoryPaginator(r -> r.historyItemType(HistoryItemType.STATE_UPDATE))
                .alarmHistoryItems().stream().toList();
    }
}
