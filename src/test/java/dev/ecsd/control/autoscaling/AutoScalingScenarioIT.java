package dev.ecsd.control.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ecsd.testing.ClockedClients;
import dev.ecsd.testing.Scenario;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The whole autoscaling chain on virtual time, with nothing stood in: a service's containers on the simulated runtime
 * report a scripted load, the agent samples them, the publisher writes AWS/ECS into the server's SQLite metric store,
 * the alarm controller evaluates the target tracking alarms on it, and the autoscaling controller sets the service's
 * desired count through the service commands, which start and stop tasks. Everything is set up and read through the
 * SDK clients over HTTP.
 *
 * <p>Time moves a sampling round (15 s) at a time, and to the alarms' evaluation 6 s into each minute; the scenario
 * starts on a minute, so the publisher writes each minute at its end, and the alarms evaluate it 6 s later. A count
 * read at the end of minute k shows what the evaluations up to k-1 min 6 s did.
 */
class AutoScalingScenarioIT {
    private static final String IMAGE = "registry.example/web:1";
    private static final String BROKEN_IMAGE = "registry.example/web:broken";
    private static final String RESOURCE = "service/my-cluster/web-service";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);
    /** Alarms evaluate a tenth of the metric period after its end, when its data has been published. */
    private static final Duration ALARM_DELAY = Duration.ofSeconds(6);
    /** A quarter of a core is all of a 256-unit task: 22.5 % of a core is 90 % of the task's CPU. */
    private static final double NINETY_PERCENT_OF_TASK = 22.5;
    private static final double TEN_PERCENT_OF_TASK = 2.5;
    private static final long HALF_OF_TASK_MEMORY = 256L << 20;

    private final Scenario scenario = Scenario.withServerMetricStore();
    private final CloudWatchClient cloudWatch = ClockedClients.cloudWatch(scenario.server.endpoint(), scenario.clock);
    private final ApplicationAutoScalingClient scaling = ClockedClients.autoScaling(scenario.server.endpoint(),
            scenario.clock);

    @AfterEach
    void close() {
        cloudWatch.close();
        scaling.close();
        scenario.close();
    }

    @Test
    void ninetyPercentAgainstSeventyScalesOutProportionallyToMaxThenInAfterFifteenLowPeriodsDownToMin() {
        Instant start = scenario.now();
        load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        startService(2);
        register(2, 10);
        PutScalingPolicyResponse policy = cpuPolicy(60, 120);
        String high = alarmName(policy, "-AlarmHigh-");
        String low = alarmName(policy, "-AlarmLow-");
        assertThat(alarm(high).stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);

        // 2 → ceil(2 × 90 / 70) = 3 once three periods are in, then on every period (the cooldown of 60 s is over
        // by the next evaluation): ceil(3 × 90/70) = 4, 6, 8, ceil(8 × 90/70) = 11, held at max 10.
        assertThat(desiredCountsOverMinutes(3)).containsExactly(2, 2, 2);
        MetricAlarm beforeThird = alarm(high);
        assertThat(beforeThird.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(desiredCountsOverMinutes(6)).containsExactly(3, 4, 6, 8, 10, 10);

        MetricAlarm alarmed = alarm(high);
        assertThat(alarmed.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarmed.stateReason()).startsWith("Threshold Crossed: 3 datapoints [90.0 (01/01/25 00:")
                .endsWith("] were greater than the threshold (70.0).");
        assertThat(alarmed.alarmDescription()).isEqualTo("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy "
                + policy.policyARN() + ".");
        assertThat(alarm(low).stateValue()).isEqualTo(StateValue.OK);
        List<ScalingActivity> activities = activities(false);
        assertThat(activities).extracting(ScalingActivity::description).containsExactly("Setting desired count to 10.",
                "Setting desired count to 8.", "Setting desired count to 6.", "Setting desired count to 4.",
                "Setting desired count to 3.");
        ScalingActivity first = activities.getLast();
        assertThat(first.cause()).isEqualTo("monitor alarm " + high + " in state ALARM triggered policy "
                + "cpu-target-tracking");
        assertThat(first.statusCodeAsString()).isEqualTo("Successful");
        assertThat(first.statusMessage()).isEqualTo(
                "Successfully set desired count to 3. Change successfully fulfilled by ecs.");
        assertThat(activities(true).getFirst().notScaledReasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEqualTo("AlreadyAtMaxCapacity"));
        assertThat(runningCount()).isEqualTo(10);

        List<Datapoint> cpu = cpuStatistics(start, scenario.now());
        assertThat(cpu).hasSize(9);
        assertThat(cpu).allSatisfy(point -> {
            assertThat(point.average()).isCloseTo(90, within(1e-6));
            assertThat(point.maximum()).isCloseTo(90, within(1e-6));
            assertThat(point.unit()).isEqualTo(StandardUnit.PERCENT);
        });

        // The load drops to 10 %: the low alarm (under 63 for 15 periods) fires at the 15th, and the service comes in
        // by at most half at a time — max(ceil(10 × 10/70), 10 - 5) = 5, then 3 and 2 — once per 120 s cooldown,
        // never below min.
        load(TEN_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        List<Integer> in = desiredCountsOverMinutes(22);
        assertThat(in.subList(0, 15)).containsOnly(10);
        assertThat(in.subList(15, 22)).containsExactly(5, 5, 3, 3, 2, 2, 2);
        MetricAlarm lowAlarm = alarm(low);
        assertThat(lowAlarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(lowAlarm.stateReason()).startsWith("Threshold Crossed: 15 datapoints [10.0 (01/01/25 00:")
                .endsWith("] were less than the threshold (63.0).");
        assertThat(alarm(high).stateValue()).isEqualTo(StateValue.OK);
        assertThat(activities(false).subList(0, 3)).extracting(ScalingActivity::description).containsExactly(
                "Setting desired count to 2.", "Setting desired count to 3.", "Setting desired count to 5.");
        assertThat(activities(false).getFirst().cause()).isEqualTo("monitor alarm " + low
                + " in state ALARM triggered policy cpu-target-tracking");
        assertThat(activities(true).getFirst().notScaledReasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEqualTo("AlreadyAtMinCapacity"));
        assertThat(cpuStatistics(scenario.now().minus(Duration.ofMinutes(5)), scenario.now()))
                .allSatisfy(point -> assertThat(point.average()).isCloseTo(10, within(1e-6)));
    }

    @Test
    void aLongScaleOutCooldownCountsTheLastScaleOutAsPartOfTheNext() {
        load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        startService(2);
        register(2, 10);
        cpuPolicy(300, 300);

        // Scaled to 3 at 3:06; until the cooldown ends at 8:06 each proposal is ceil(2 × 90/70) = 3 from the count
        // before that scale-out, so nothing; then ceil(3 × 90/70) = 4.
        List<Integer> counts = desiredCountsOverMinutes(10);
        assertThat(counts).containsExactly(2, 2, 2, 3, 3, 3, 3, 3, 4, 4);
        assertThat(activities(false)).extracting(ScalingActivity::startTime).containsExactly(
                Instant.parse("2025-01-01T00:08:06Z"), Instant.parse("2025-01-01T00:03:06Z"));
    }

    @Test
    void scaleInWaitsWhileADeploymentIsInProgress() {
        load(TEN_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        String definition = startService(4);
        register(2, 10);
        PutScalingPolicyResponse policy = cpuPolicy(60, 120);
        desiredCountsOverMinutes(10);

        // a deployment whose tasks never start stays IN_PROGRESS while the low alarm fires
        scenario.runtime.failPull(BROKEN_IMAGE, "manifest unknown");
        scenario.ecs.updateService(r -> r.cluster("my-cluster").service("web-service")
                .taskDefinition(registerTaskDefinition(BROKEN_IMAGE)));
        List<Integer> during = desiredCountsOverMinutes(10);
        assertThat(alarm(alarmName(policy, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(during).containsOnly(4);
        assertThat(rolloutStates()).contains(DeploymentRolloutState.IN_PROGRESS);
        assertThat(activities(true)).isEmpty();

        // rolled back, the deployment completes and the alarm, still in ALARM, scales in
        scenario.ecs.updateService(r -> r.cluster("my-cluster").service("web-service").taskDefinition(definition));
        List<Integer> after = desiredCountsOverMinutes(5);
        assertThat(rolloutStates()).containsOnly(DeploymentRolloutState.COMPLETED);
        assertThat(after).contains(2);
        assertThat(activities(false).getLast().description()).isEqualTo("Setting desired count to 2.");
    }

    @Test
    void twoPoliciesDisagreeingOnScaleInDoNotScaleIn() {
        // CPU at 10 % wants in; memory at 66 % (between 63 and the target 70) does not
        load(TEN_PERCENT_OF_TASK, 338L << 20);
        startService(4);
        register(2, 10);
        PutScalingPolicyResponse cpu = cpuPolicy(60, 60);
        PutScalingPolicyResponse memory = policy("memory-target-tracking",
                MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, 60, 60);

        List<Integer> disagreeing = desiredCountsOverMinutes(20);
        assertThat(alarm(alarmName(cpu, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm(alarmName(memory, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.OK);
        assertThat(alarm(alarmName(memory, "-AlarmHigh-")).stateValue()).isEqualTo(StateValue.OK);
        assertThat(disagreeing).containsOnly(4);
        assertThat(activities(true)).isEmpty();

        // memory falls to 50 % too: once its low alarm fires, both agree
        load(TEN_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        List<Integer> agreeing = desiredCountsOverMinutes(17);
        assertThat(agreeing.subList(0, 15)).containsOnly(4);
        assertThat(agreeing).endsWith(2);
        assertThat(alarm(alarmName(memory, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.ALARM);
    }

    @Test
    void aScheduledActionSetsTheRangeAtItsTime() {
        load(NINETY_PERCENT_OF_TASK / 2, HALF_OF_TASK_MEMORY);
        startService(2);
        register(2, 10);
        scaling.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("morning")
                .schedule("at(2025-01-01T00:05:00)").scalableTargetAction(a -> a.minCapacity(4).maxCapacity(10)));

        List<Integer> counts = desiredCountsOverMinutes(6);

        assertThat(counts).containsExactly(2, 2, 2, 2, 4, 4);
        assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(RESOURCE)).scalableTargets().getFirst().minCapacity()).isEqualTo(4);
        ScalingActivity activity = activities(false).getFirst();
        assertThat(activity.description()).isEqualTo("Setting desired count to 4.");
        assertThat(activity.startTime()).isEqualTo(Instant.parse("2025-01-01T00:05:00Z"));
        assertThat(runningCount()).isEqualTo(4);
    }

    @Test
    void aDeletedServiceAndClusterLeaveTheTargetWhichScalesTheServiceMadeAgain() {
        load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        String definition = startService(2);
        register(2, 10);
        PutScalingPolicyResponse policy = cpuPolicy(60, 120);
        scaling.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("later")
                .schedule("at(2025-01-01T00:07:00)").scalableTargetAction(a -> a.minCapacity(4)));
        assertThat(desiredCountsOverMinutes(4)).endsWith(3);

        // AWS leaves the scalable target when its service goes: alarms go on without data, the schedule still runs
        scenario.ecs.deleteService(r -> r.cluster("my-cluster").service("web-service").force(true));
        scenario.await("the service's tasks stopped", this::runningTasks, List::isEmpty);
        scenario.await("the service inactive", () -> scenario.ecs.describeServices(r -> r.cluster("my-cluster")
                .services("web-service")).services().getFirst().status(), "INACTIVE"::equals);
        scenario.ecs.deleteCluster(r -> r.cluster("my-cluster"));
        minutes(7); // the last datapoint (00:04) leaves the evaluation range of five periods at 00:10:06
        assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(RESOURCE)).scalableTargets()).singleElement()
                .satisfies(target -> assertThat(target.minCapacity()).isEqualTo(4));
        assertThat(alarm(alarmName(policy, "-AlarmHigh-")).stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(activities(false)).extracting(ScalingActivity::description)
                .containsExactly("Setting desired count to 3.");

        // the same service made again is the target's again: left at 2 under min 4 until the high alarm scales it
        String again = registerTaskDefinition(IMAGE);
        scenario.ecs.createCluster(r -> r.clusterName("my-cluster"));
        scenario.ecs.createService(r -> r.cluster("my-cluster").serviceName("web-service").taskDefinition(again)
                .desiredCount(2).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
        assertThat(definition).isNotEqualTo(again);
        List<Integer> counts = desiredCountsOverMinutes(5);
        assertThat(counts.getFirst()).isEqualTo(2);
        assertThat(counts.getLast()).isGreaterThanOrEqualTo(4);
        assertThat(activities(false).getLast().description()).isEqualTo("Setting desired count to 3.");
        assertThat(activities(false).getFirst().cause()).startsWith("monitor alarm " + alarmName(policy,
                "-AlarmHigh-"));
    }

    /** Lets {@code minutes} minutes pass a sampling round at a time; answers the desired count at each minute's end. */
    private List<Integer> desiredCountsOverMinutes(int minutes) {
        List<Integer> counts = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            // the alarms' evaluation 6 s into the minute runs at its time, not at the next sampling round
            scenario.advance(ALARM_DELAY);
            for (int round = 0; round < 4; round++) {
                long rounds = scenario.server.server().agent().usageSamplingRounds();
                scenario.advance(round == 0 ? SAMPLE_EVERY.minus(ALARM_DELAY) : SAMPLE_EVERY);
                scenario.await("a sampling round", () -> scenario.server.server().agent().usageSamplingRounds(),
                        done -> done > rounds);
            }
            counts.add(desiredCount());
        }
        return counts;
    }

    @Test
    void resetWipesTargetsAlarmsAndMetricsAndTheChainWorksAgainAfterIt() {
        load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        startService(2);
        register(2, 10);
        cpuPolicy(60, 120);
        assertThat(desiredCountsOverMinutes(4)).endsWith(3);

        scenario.server.reset();
        assertThat(cloudWatch.describeAlarms().metricAlarms()).isEmpty();
        assertThat(cpuStatistics(VirtualTimer.START, scenario.now())).isEmpty();
        assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets())
                .isEmpty();
        assertThat(activities(true)).isEmpty();
        minutes(2);

        Instant again = scenario.now();
        startService(2);
        register(2, 10);
        PutScalingPolicyResponse policy = cpuPolicy(60, 120);
        assertThat(desiredCountsOverMinutes(4)).containsExactly(2, 2, 2, 3);
        assertThat(alarm(alarmName(policy, "-AlarmHigh-")).stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(cpuStatistics(VirtualTimer.START, scenario.now())).hasSize(4)
                .allSatisfy(point -> assertThat(point.timestamp()).isAfterOrEqualTo(again));
    }

    @Test
    void aStepPolicyScalesOnAnAlarmTheUserMadeWithPutMetricAlarm() {
        load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        startService(2);
        register(2, 7);
        String policyArn = scaling.putScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyName("cpu-steps").policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").cooldown(60)
                        .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(2))))
                .policyARN();
        cloudWatch.putMetricAlarm(r -> r.alarmName("cpu-high").namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(d -> d.name("ClusterName").value("my-cluster"),
                        d -> d.name("ServiceName").value("web-service"))
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).threshold(80.0)
                .comparisonOperator("GreaterThanThreshold").alarmActions(policyArn));

        // ALARM after two periods; +2 on each period the alarm stays in ALARM once the 60 s cooldown is over; max 7
        assertThat(desiredCountsOverMinutes(6)).containsExactly(2, 2, 4, 6, 7, 7);
        assertThat(activities(false).getLast().cause()).isEqualTo(
                "monitor alarm cpu-high in state ALARM triggered policy cpu-steps");
        assertThat(scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE)).scalingPolicies().getFirst().alarms())
                .singleElement().satisfies(alarm -> assertThat(alarm.alarmName()).isEqualTo("cpu-high"));
    }

    /** Lets {@code minutes} minutes pass as {@link #desiredCountsOverMinutes}, while the service may not exist. */
    private void minutes(int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            scenario.advance(ALARM_DELAY);
            scenario.advance(SAMPLE_EVERY.minus(ALARM_DELAY));
            scenario.advance(SAMPLE_EVERY.multipliedBy(3));
        }
    }

    private List<String> runningTasks() {
        return scenario.ecs.listTasks(r -> r.cluster("my-cluster")
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING)).taskArns();
    }

    private void load(double cpuPercentOfOneCore, long memoryBytes) {
        scenario.runtime.setLoad(spec -> spec.image().startsWith("registry.example/web"), cpuPercentOfOneCore,
                memoryBytes);
    }

    private String registerTaskDefinition(String image) {
        return scenario.ecs.registerTaskDefinition(r -> r.family("web-app")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).essential(true).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private String startService(int desired) {
        scenario.ecs.createCluster(r -> r.clusterName("my-cluster"));
        String definition = registerTaskDefinition(IMAGE);
        scenario.ecs.createService(r -> r.cluster("my-cluster").serviceName("web-service").taskDefinition(definition)
                .desiredCount(desired).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
        scenario.await(desired + " tasks running", this::runningCount, running -> running == desired);
        return definition;
    }

    private void register(int min, int max) {
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(min).maxCapacity(max));
    }

    private PutScalingPolicyResponse cpuPolicy(int scaleOutCooldown, int scaleInCooldown) {
        return policy("cpu-target-tracking", MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, scaleOutCooldown,
                scaleInCooldown);
    }

    private PutScalingPolicyResponse policy(String name, MetricType metric, int scaleOutCooldown,
            int scaleInCooldown) {
        return scaling.putScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName(name)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(70.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(metric))
                        .scaleOutCooldown(scaleOutCooldown).scaleInCooldown(scaleInCooldown)));
    }

    private static String alarmName(PutScalingPolicyResponse policy, String kind) {
        return policy.alarms().stream().map(a -> a.alarmName()).filter(name -> name.contains(kind)).findFirst()
                .orElseThrow();
    }

    private MetricAlarm alarm(String name) {
        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNamePrefix(
                "TargetTracking-" + RESOURCE)).metricAlarms();
        return alarms.stream().filter(alarm -> alarm.alarmName().equals(name)).findFirst().orElseThrow();
    }

    /** The activities, newest first. */
    private List<ScalingActivity> activities(boolean includeNotScaled) {
        return scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .includeNotScaledActivities(includeNotScaled)).scalingActivities();
    }

    private List<Datapoint> cpuStatistics(Instant from, Instant to) {
        List<Datapoint> points = new ArrayList<>(cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ECS")
                .metricName("CPUUtilization")
                .dimensions(d -> d.name("ClusterName").value("my-cluster"),
                        d -> d.name("ServiceName").value("web-service"))
                .startTime(from).endTime(to).period(60).statistics(Statistic.AVERAGE, Statistic.MAXIMUM))
                .datapoints());
        Collections.sort(points, (a, b) -> a.timestamp().compareTo(b.timestamp()));
        return points;
    }

    private int desiredCount() {
        return scenario.ecs.describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().desiredCount();
    }

    private int runningCount() {
        return scenario.ecs.describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().runningCount();
    }

    private List<DeploymentRolloutState> rolloutStates() {
        return scenario.ecs.describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().deployments().stream().map(d -> d.rolloutState()).toList();
    }
}
