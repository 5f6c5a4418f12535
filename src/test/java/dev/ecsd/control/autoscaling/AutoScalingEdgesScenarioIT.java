package dev.ecsd.control.autoscaling;

import static dev.ecsd.control.autoscaling.LoadedService.HALF_OF_TASK_MEMORY;
import static dev.ecsd.control.autoscaling.LoadedService.IMAGE;
import static dev.ecsd.control.autoscaling.LoadedService.NINETY_PERCENT_OF_TASK;
import static dev.ecsd.control.autoscaling.LoadedService.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.VirtualTimer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The autoscaling chain of {@link AutoScalingScenarioIT} around its edges: a scalable target whose service and
 * cluster are deleted (AWS keeps the target), a reset of the server, and a step policy on an alarm the user made.
 */
class AutoScalingEdgesScenarioIT {
    private final LoadedService world = new LoadedService();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aDeletedServiceAndClusterLeaveTheTargetWhichScalesTheServiceMadeAgain() {
        world.load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        String definition = world.startService(2);
        world.register(2, 10);
        PutScalingPolicyResponse policy = world.cpuPolicy(60, 120);
        world.scaling.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("later")
                .schedule("at(2025-01-01T00:07:00)").scalableTargetAction(a -> a.minCapacity(4)));
        assertThat(world.desiredCountsOverMinutes(4)).endsWith(3);

        // AWS leaves the scalable target when its service goes: alarms go on without data, the schedule still runs
        world.scenario.ecs.deleteService(r -> r.cluster("my-cluster").service("web-service").force(true));
        world.scenario.await("the service's tasks stopped", world::runningTasks, List::isEmpty);
        world.scenario.await("the service inactive", () -> world.scenario.ecs.describeServices(r -> r
                .cluster("my-cluster")
                .services("web-service")).services().getFirst().status(), "INACTIVE"::equals);
        world.scenario.ecs.deleteCluster(r -> r.cluster("my-cluster"));
        world.minutes(7); // the last datapoint (00:04) leaves the evaluation range of five periods at 00:10:06
        assertThat(world.scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(RESOURCE)).scalableTargets()).singleElement()
                .satisfies(target -> assertThat(target.minCapacity()).isEqualTo(4));
        assertThat(world.alarm(world.alarmName(policy, "-AlarmHigh-")).stateValue())
                .isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(world.activities(false)).extracting(ScalingActivity::description)
                .containsExactly("Setting desired count to 3.");

        // the same service made again is the target's again: left at 2 under min 4 until the high alarm scales it
        String again = world.registerTaskDefinition(IMAGE);
        world.scenario.ecs.createCluster(r -> r.clusterName("my-cluster"));
        world.scenario.ecs.createService(r -> r.cluster("my-cluster").serviceName("web-service").taskDefinition(again)
                .desiredCount(2).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
        assertThat(definition).isNotEqualTo(again);
        List<Integer> counts = world.desiredCountsOverMinutes(5);
        assertThat(counts.getFirst()).isEqualTo(2);
        assertThat(counts.getLast()).isGreaterThanOrEqualTo(4);
        assertThat(world.activities(false).getLast().description()).isEqualTo("Setting desired count to 3.");
        assertThat(world.activities(false).getFirst().cause()).startsWith("monitor alarm " + world.alarmName(policy,
                "-AlarmHigh-"));
    }


    @Test
    void resetWipesTargetsAlarmsAndMetricsAndTheChainWorksAgainAfterIt() {
        world.load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        world.startService(2);
        world.register(2, 10);
        world.cpuPolicy(60, 120);
        assertThat(world.desiredCountsOverMinutes(4)).endsWith(3);

        world.scenario.server.reset();
        assertThat(world.cloudWatch.describeAlarms().metricAlarms()).isEmpty();
        assertThat(world.cpuStatistics(VirtualTimer.START, world.scenario.now())).isEmpty();
        assertThat(world.scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
                .scalableTargets())
                .isEmpty();
        assertThat(world.activities(true)).isEmpty();
        world.minutes(2);

        Instant again = world.scenario.now();
        world.startService(2);
        world.register(2, 10);
        PutScalingPolicyResponse policy = world.cpuPolicy(60, 120);
        assertThat(world.desiredCountsOverMinutes(4)).containsExactly(2, 2, 2, 3);
        assertThat(world.alarm(world.alarmName(policy, "-AlarmHigh-")).stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(world.cpuStatistics(VirtualTimer.START, world.scenario.now())).hasSize(4)
                .allSatisfy(point -> assertThat(point.timestamp()).isAfterOrEqualTo(again));
    }


    @Test
    void aStepPolicyScalesOnAnAlarmTheUserMadeWithPutMetricAlarm() {
        world.load(NINETY_PERCENT_OF_TASK, HALF_OF_TASK_MEMORY);
        world.startService(2);
        world.register(2, 7);
        String policyArn = world.scaling.putScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyName("cpu-steps").policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").cooldown(60)
                        .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(2))))
                .policyARN();
        world.cloudWatch.putMetricAlarm(r -> r.alarmName("cpu-high").namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(d -> d.name("ClusterName").value("my-cluster"),
                        d -> d.name("ServiceName").value("web-service"))
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).threshold(80.0)
                .comparisonOperator("GreaterThanThreshold").alarmActions(policyArn));

        // ALARM after two periods; +2 on each period the alarm stays in ALARM once the 60 s cooldown is over; max 7
        assertThat(world.desiredCountsOverMinutes(6)).containsExactly(2, 2, 4, 6, 7, 7);
        assertThat(world.activities(false).getLast().cause()).isEqualTo(
                "monitor alarm cpu-high in state ALARM triggered policy cpu-steps");
        assertThat(world.scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE)).scalingPolicies().getFirst().alarms())
                .singleElement().satisfies(alarm -> assertThat(alarm.alarmName()).isEqualTo("cpu-high"));
    }
}
