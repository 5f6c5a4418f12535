package dev.ecsd.control.autoscaling;

import static dev.ecsd.control.autoscaling.LoadedService.BROKEN_IMAGE;
import static dev.ecsd.control.autoscaling.LoadedService.HALF_OF_TASK_MEMORY;
import static dev.ecsd.control.autoscaling.LoadedService.NINETY_PERCENT_OF_TASK;
import static dev.ecsd.control.autoscaling.LoadedService.RESOURCE;
import static dev.ecsd.control.autoscaling.LoadedService.TEN_PERCENT_OF_TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;

/**
 * The whole autoscaling chain on virtual time, with nothing stood in: a service's containers on the simulated runtime
 * report a scripted load, the agent samples them, the publisher writes AWS/ECS into the server's SQLite metric store,
 * the alarm controller evaluates the target tracking alarms on it, and the autoscaling controller sets the service's
 * desired count through the service commands, which start and stop tasks. Everything is set up and read through the
 * SDK clients over HTTP; see {@link LoadedService} for how time moves.
 */
class AutoScalingScenarioIT {
    private final LoadedService world = new LoadedService();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void ninetyPercentAgainstSeventyScalesOutProportionallyToMaxThenInAfterFifteenLowPeriodsDownToMin() {
        Instant start = world.scenario.now();
        world.load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        world.startService(2);
        world.register(2, 10);
        PutScalingPolicyResponse policy = world.cpuPolicy(60, 120);
        String high = world.alarmName(policy, "-AlarmHigh-");
        String low = world.alarmName(policy, "-AlarmLow-");
        assertThat(world.alarm(high).stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);

        // 2 → ceil(2 × 90 / 70) = 3 once three periods are in, then on every period (the cooldown of 60 s is over
        // by the next evaluation): ceil(3 × 90/70) = 4, 6, 8, ceil(8 × 90/70) = 11, held at max 10.
        assertThat(world.desiredCountsOverMinutes(3)).containsExactly(2, 2, 2);
        MetricAlarm beforeThird = world.alarm(high);
        assertThat(beforeThird.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(world.desiredCountsOverMinutes(6)).containsExactly(3, 4, 6, 8, 10, 10);

        MetricAlarm alarmed = world.alarm(high);
        assertThat(alarmed.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarmed.stateReason()).startsWith("Threshold Crossed: 3 datapoints [90.0 (01/01/25 00:")
                .endsWith("] were greater than the threshold (70.0).");
        assertThat(alarmed.alarmDescription()).isEqualTo("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy "
                + policy.policyARN() + ".");
        assertThat(world.alarm(low).stateValue()).isEqualTo(StateValue.OK);
        List<ScalingActivity> activities = world.activities(false);
        assertThat(activities).extracting(ScalingActivity::description).containsExactly("Setting desired count to 10.",
                "Setting desired count to 8.", "Setting desired count to 6.", "Setting desired count to 4.",
                "Setting desired count to 3.");
        ScalingActivity first = activities.getLast();
        assertThat(first.cause()).isEqualTo("monitor alarm " + high + " in state ALARM triggered policy "
                + "cpu-target-tracking");
        assertThat(first.statusCodeAsString()).isEqualTo("Successful");
        assertThat(first.statusMessage()).isEqualTo(
                "Successfully set desired count to 3. Change successfully fulfilled by ecs.");
        assertThat(world.activities(true).getFirst().notScaledReasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEqualTo("AlreadyAtMaxCapacity"));
        assertThat(world.runningCount()).isEqualTo(10);

        List<Datapoint> cpu = world.cpuStatistics(start, world.scenario.now());
        assertThat(cpu).hasSize(9);
        assertThat(cpu).allSatisfy(point -> {
            assertThat(point.average()).isCloseTo(90, within(1e-6));
            assertThat(point.maximum()).isCloseTo(90, within(1e-6));
            assertThat(point.unit()).isEqualTo(StandardUnit.PERCENT);
        });

        // The load drops to 10 %: the low alarm (under 63 for 15 periods) fires at the 15th, and the service comes in
        // by at most half at a time — max(ceil(10 × 10/70), 10 - 5) = 5, then 3 and 2 — once per 120 s cooldown,
        // never below min.
        world.load(TEN_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        List<Integer> in = world.desiredCountsOverMinutes(22);
        assertThat(in.subList(0, 15)).containsOnly(10);
        assertThat(in.subList(15, 22)).containsExactly(5, 5, 3, 3, 2, 2, 2);
        MetricAlarm lowAlarm = world.alarm(low);
        assertThat(lowAlarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(lowAlarm.stateReason()).startsWith("Threshold Crossed: 15 datapoints [10.0 (01/01/25 00:")
                .endsWith("] were less than the threshold (63.0).");
        assertThat(world.alarm(high).stateValue()).isEqualTo(StateValue.OK);
        assertThat(world.activities(false).subList(0, 3)).extracting(ScalingActivity::description).containsExactly(
                "Setting desired count to 2.", "Setting desired count to 3.", "Setting desired count to 5.");
        assertThat(world.activities(false).getFirst().cause()).isEqualTo("monitor alarm " + low
                + " in state ALARM triggered policy cpu-target-tracking");
        assertThat(world.activities(true).getFirst().notScaledReasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEqualTo("AlreadyAtMinCapacity"));
        assertThat(world.cpuStatistics(world.scenario.now().minus(Duration.ofMinutes(5)), world.scenario.now()))
                .allSatisfy(point -> assertThat(point.average()).isCloseTo(10, within(1e-6)));
    }


    @Test
    void aLongScaleOutCooldownCountsTheLastScaleOutAsPartOfTheNext() {
        world.load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        world.startService(2);
        world.register(2, 10);
        world.cpuPolicy(300, 300);

        // Scaled to 3 at 3:06; until the cooldown ends at 8:06 each proposal is ceil(2 × 90/70) = 3 from the count
        // before that scale-out, so nothing; then ceil(3 × 90/70) = 4.
        List<Integer> counts = world.desiredCountsOverMinutes(10);
        assertThat(counts).containsExactly(2, 2, 2, 3, 3, 3, 3, 3, 4, 4);
        assertThat(world.activities(false)).extracting(ScalingActivity::startTime).containsExactly(
                Instant.parse("2025-01-01T00:08:06Z"), Instant.parse("2025-01-01T00:03:06Z"));
    }


    @Test
    void scaleInWaitsWhileADeploymentIsInProgress() {
        world.load(TEN_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        String definition = world.startService(4);
        world.register(2, 10);
        PutScalingPolicyResponse policy = world.cpuPolicy(60, 120);
        world.desiredCountsOverMinutes(10);

        // a deployment whose tasks never start stays IN_PROGRESS while the low alarm fires
        world.scenario.runtime.failPull(BROKEN_IMAGE, "manifest unknown");
        world.scenario.ecs.updateService(r -> r.cluster("my-cluster").service("web-service")
                .taskDefinition(world.registerTaskDefinition(BROKEN_IMAGE)));
        List<Integer> during = world.desiredCountsOverMinutes(10);
        assertThat(world.alarm(world.alarmName(policy, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(during).containsOnly(4);
        assertThat(world.rolloutStates()).contains(DeploymentRolloutState.IN_PROGRESS);
        assertThat(world.activities(true)).isEmpty();

        // rolled back, the deployment completes and the alarm, still in ALARM, scales in
        world.scenario.ecs.updateService(r -> r.cluster("my-cluster").service("web-service")
                .taskDefinition(definition));
        List<Integer> after = world.desiredCountsOverMinutes(5);
        assertThat(world.rolloutStates()).containsOnly(DeploymentRolloutState.COMPLETED);
        assertThat(after).contains(2);
        assertThat(world.activities(false).getLast().description()).isEqualTo("Setting desired count to 2.");
    }


    @Test
    void twoPoliciesDisagreeingOnScaleInDoNotScaleIn() {
        // CPU at 10 % wants in; memory at 66 % (between 63 and the target 70) does not
        world.load(TEN_PERCENT_OF_TASK, 338L << 20);
        world.startService(4);
        world.register(2, 10);
        PutScalingPolicyResponse cpu = world.cpuPolicy(60, 60);
        PutScalingPolicyResponse memory = world.policy("memory-target-tracking",
                MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, 60, 60);

        List<Integer> disagreeing = world.desiredCountsOverMinutes(20);
        assertThat(world.alarm(world.alarmName(cpu, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(world.alarm(world.alarmName(memory, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.OK);
        assertThat(world.alarm(world.alarmName(memory, "-AlarmHigh-")).stateValue()).isEqualTo(StateValue.OK);
        assertThat(disagreeing).containsOnly(4);
        assertThat(world.activities(true)).isEmpty();

        // memory falls to 50 % too: once its low alarm fires, both agree
        world.load(TEN_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        List<Integer> agreeing = world.desiredCountsOverMinutes(17);
        assertThat(agreeing.subList(0, 15)).containsOnly(4);
        assertThat(agreeing).endsWith(2);
        assertThat(world.alarm(world.alarmName(memory, "-AlarmLow-")).stateValue()).isEqualTo(StateValue.ALARM);
    }


    @Test
    void aScheduledActionSetsTheRangeAtItsTime() {
        world.load(NINETY_PERCENT_OF_TASK / 2, HALF_OF_TASK_MEMORY);
        world.startService(2);
        world.register(2, 10);
        world.scaling.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("morning")
                .schedule("at(2025-01-01T00:05:00)").scalableTargetAction(a -> a.minCapacity(4).maxCapacity(10)));

        List<Integer> counts = world.desiredCountsOverMinutes(6);

        assertThat(counts).containsExactly(2, 2, 2, 2, 4, 4);
        assertThat(world.scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(RESOURCE)).scalableTargets().getFirst().minCapacity()).isEqualTo(4);
        ScalingActivity activity = world.activities(false).getFirst();
        assertThat(activity.description()).isEqualTo("Setting desired count to 4.");
        assertThat(activity.startTime()).isEqualTo(Instant.parse("2025-01-01T00:05:00Z"));
        assertThat(world.runningCount()).isEqualTo(4);
    }
}
