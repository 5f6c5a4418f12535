package dev.ecsd.api.autoscaling;

import static dev.ecsd.api.autoscaling.AutoScalingFixtures.DIMENSION;
import static dev.ecsd.api.autoscaling.AutoScalingFixtures.RESOURCE;
import static dev.ecsd.api.autoscaling.AutoScalingFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.state.Kind;
import dev.ecsd.testing.SharedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.LimitExceededException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/** Scalable targets and scaling policies through the Java SDK's ApplicationAutoScalingClient. */
class AutoScalingApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private ApplicationAutoScalingClient aas;

    @BeforeEach
    void seed() {
        aas = AutoScalingFixtures.client(server.endpoint());
        AutoScalingFixtures.seedService(server.ecs(), "web-service");
    }

    @AfterEach
    void closeClient() {
        aas.close();
    }

    private String register(int min, int max) {
        return aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).minCapacity(min).maxCapacity(max)).scalableTargetARN();
    }

    private PutScalingPolicyResponse cpuPolicy(String name, double target) {
        return aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .policyName(name).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("ECSServiceAverageCPUUtilization"))
                        .scaleOutCooldown(60).scaleInCooldown(120)));
    }

    private ScalableTarget describeTarget() {
        return aas.describeScalableTargets(r -> r.serviceNamespace("ecs").resourceIds(RESOURCE)).scalableTargets()
                .getFirst();
    }

    @Test
    void registersDescribesAndUpdatesAScalableTarget() {
        String arn = register(2, 10);

        assertThat(arn).matches("arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/[0-9a-f]{36}");
        ScalableTarget target = describeTarget();
        assertThat(target.minCapacity()).isEqualTo(2);
        assertThat(target.maxCapacity()).isEqualTo(10);
        assertThat(target.roleARN()).isEqualTo("arn:aws:iam::000000000000:role/aws-service-role/"
                + "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService");
        assertThat(target.scalableTargetARN()).isEqualTo(arn);
        assertThat(target.suspendedState().dynamicScalingInSuspended()).isFalse();
        assertThat(target.creationTime()).isNotNull();

        // an update keeps the ARN and changes only what it gives; min above the desired count raises it
        assertThat(aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).minCapacity(3)
                .suspendedState(s -> s.dynamicScalingInSuspended(true))).scalableTargetARN()).isEqualTo(arn);
        target = describeTarget();
        assertThat(target.minCapacity()).isEqualTo(3);
        assertThat(target.maxCapacity()).isEqualTo(10);
        assertThat(target.suspendedState().dynamicScalingInSuspended()).isTrue();
        assertThat(AutoScalingFixtures.desiredCount(server.ecs(), "web-service")).isEqualTo(3);
        assertThat(aas.describeScalingActivities(r -> r.serviceNamespace("ecs").resourceId(RESOURCE))
                .scalingActivities()).singleElement().satisfies(a -> {
                    assertThat(a.description()).isEqualTo("Setting desired count to 3.");
                    assertThat(a.cause()).isEqualTo("minimum capacity was set to 3");
                    assertThat(a.statusCodeAsString()).isEqualTo("Successful");
                });
    }

    @Test
    void minCapacityMayBeZero() {
        register(0, 3);

        assertThat(describeTarget().minCapacity()).isZero();
    }

    @Test
    void refusesWhatApplicationAutoScalingRefuses() {
        assertError(() -> aas.registerScalableTarget(r -> r.serviceNamespace("dynamodb").resourceId("table/t")
                .scalableDimension("dynamodb:table:ReadCapacityUnits").minCapacity(1).maxCapacity(5)),
                "ValidationException", "ecsd scales only Amazon ECS services").isInstanceOf(ValidationException.class);
        assertError(() -> aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension("ecs:service:Other").minCapacity(1).maxCapacity(5)),
                "ValidationException", "Unsupported scalable dimension");
        assertError(() -> aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/my-cluster")
                .scalableDimension(DIMENSION).minCapacity(1).maxCapacity(5)),
                "ValidationException", "service/<cluster-name>/<service-name>");
        assertError(() -> aas.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId("service/my-cluster/nothing").scalableDimension(DIMENSION).minCapacity(1).maxCapacity(5)),
                "ValidationException", "ECS service doesn't exist: service/my-cluster/nothing");
        assertError(() -> aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).minCapacity(5).maxCapacity(2)),
                "ValidationException", "Minimum capacity cannot be greater than maximum capacity");
        assertError(() -> aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).minCapacity(1)),
                "ValidationException", "MinCapacity and MaxCapacity are required");
        assertError(() -> aas.registerScalableTarget(r -> r.resourceId(RESOURCE).scalableDimension(DIMENSION)),
                "ValidationException", "Value null at 'serviceNamespace' failed to satisfy constraint");
        assertError(() -> aas.deregisterScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION)), "ObjectNotFoundException", "No scalable target registered")
                .isInstanceOf(ObjectNotFoundException.class);
        assertError(() -> cpuPolicy("cpu", 70), "ObjectNotFoundException", "No scalable target registered");
        assertError(() -> aas.describeScalableTargets(r -> r.serviceNamespace("ecs").maxResults(51)),
                "ValidationException", "Member must have value between 1 and 50");
        assertError(() -> aas.describeScalableTargets(r -> r.serviceNamespace("ecs").nextToken("garbage")),
                "InvalidNextTokenException", "Invalid token");
    }

    @Test
    void aTargetTrackingPolicyCreatesItsTwoAlarms() {
        register(2, 10);

        PutScalingPolicyResponse response = cpuPolicy("cpu-target-tracking", 70);

        assertThat(response.policyARN()).matches("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:"
                + "[0-9a-f-]{36}:resource/ecs/service/my-cluster/web-service:policyName/cpu-target-tracking");
        assertThat(response.alarms()).extracting(Alarm::alarmName).satisfiesExactly(
                high -> assertThat(high).matches("TargetTracking-service/my-cluster/web-service-AlarmHigh-[0-9a-f-]{36}"),
                low -> assertThat(low).matches("TargetTracking-service/my-cluster/web-service-AlarmLow-[0-9a-f-]{36}"));
        List<MetricAlarm> alarms = server.server().store().snapshot().all(Kind.METRIC_ALARM).toList();
        MetricAlarm high = alarms.stream().filter(a -> a.alarmName().contains("AlarmHigh")).findFirst().orElseThrow();
        MetricAlarm low = alarms.stream().filter(a -> a.alarmName().contains("AlarmLow")).findFirst().orElseThrow();
        assertThat(high.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + high.alarmName());
        assertThat(high.definition().description())
                .isEqualTo("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + response.policyARN() + ".");
        assertThat(high.definition().alarmActions()).containsExactly(response.policyARN());
        assertThat(high.definition().metric().namespace()).isEqualTo("AWS/ECS");
        assertThat(high.definition().metric().metricName()).isEqualTo("CPUUtilization");
        assertThat(high.definition().metric().dimensions())
                .isEqualTo(Map.of("ClusterName", "my-cluster", "ServiceName", "web-service"));
        assertThat(high.definition().statistic()).isEqualTo("Average");
        assertThat(high.definition().periodSeconds()).isEqualTo(60);
        assertThat(high.definition().evaluationPeriods()).isEqualTo(3);
        assertThat(high.definition().threshold()).isEqualTo(70.0);
        assertThat(high.definition().comparisonOperator()).isEqualTo("GreaterThanThreshold");
        assertThat(low.definition().evaluationPeriods()).isEqualTo(15);
        assertThat(low.definition().threshold()).isEqualTo(63.0);
        assertThat(low.definition().comparisonOperator()).isEqualTo("LessThanThreshold");
        assertThat(high.status().state().name()).isEqualTo("INSUFFICIENT_DATA");

        ScalingPolicy described = aas.describeScalingPolicies(r -> r.serviceNamespace("ecs").resourceId(RESOURCE))
                .scalingPolicies().getFirst();
        assertThat(described.policyName()).isEqualTo("cpu-target-tracking");
        assertThat(described.policyTypeAsString()).isEqualTo("TargetTrackingScaling");
        assertThat(described.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(70.0);
        assertThat(described.targetTrackingScalingPolicyConfiguration().scaleInCooldown()).isEqualTo(120);
        assertThat(described.alarms()).hasSize(2);
    }

    @Test
    void replacingAPolicyKeepsItsArnAndAlarmsAndDeletingItDeletesThem() {
        register(2, 10);
        PutScalingPolicyResponse first = cpuPolicy("cpu", 70);

        PutScalingPolicyResponse second = aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("cpu").policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0).disableScaleIn(true)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("ECSServiceAverageCPUUtilization"))));

        assertThat(second.policyARN()).isEqualTo(first.policyARN());
        assertThat(second.alarms()).containsExactly(first.alarms().getFirst());
        assertThat(server.server().store().snapshot().all(Kind.METRIC_ALARM).toList()).singleElement()
                .satisfies(alarm -> assertThat(alarm.definition().threshold()).isEqualTo(50.0));

        aas.deleteScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .policyName("cpu"));
        assertThat(server.server().store().snapshot().count(Kind.METRIC_ALARM)).isZero();
        assertThat(aas.describeScalingPolicies(r -> r.serviceNamespace("ecs")).scalingPolicies()).isEmpty();
        assertError(() -> aas.deleteScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("cpu")), "ObjectNotFoundException",
                "No scaling policy found for service namespace: ecs, resource ID: " + RESOURCE);
    }

    @Test
    void stepScalingPoliciesAreValidatedAndDescribed() {
        register(1, 10);
        aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .policyName("step-out").policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("PercentChangeInCapacity")
                        .minAdjustmentMagnitude(2).cooldown(60).metricAggregationType("Average")
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).metricIntervalUpperBound(10.0)
                                .scalingAdjustment(10), s -> s.metricIntervalLowerBound(10.0).scalingAdjustment(30))));

        ScalingPolicy policy = aas.describeScalingPolicies(r -> r.serviceNamespace("ecs").policyNames("step-out"))
                .scalingPolicies().getFirst();
        assertThat(policy.stepScalingPolicyConfiguration().stepAdjustments()).hasSize(2);
        assertThat(policy.stepScalingPolicyConfiguration().minAdjustmentMagnitude()).isEqualTo(2);
        assertThat(policy.alarms()).isEmpty();

        assertError(() -> aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("bad").policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").minAdjustmentMagnitude(1)
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1)))),
                "ValidationException", "MinAdjustmentMagnitude may only be specified");
        assertError(() -> aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("bad").policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity")
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1),
                                s -> s.metricIntervalLowerBound(5.0).scalingAdjustment(2)))),
                "ValidationException", "Step adjustments may not overlap");
        assertError(() -> aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("bad").policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("DynamoDBReadCapacityUtilization")))),
                "ValidationException", "Unsupported metric type DynamoDBReadCapacityUtilization");
        assertError(() -> aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("bad").policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("ALBRequestCountPerTarget")))),
                "ValidationException", "ResourceLabel is required for ALBRequestCountPerTarget");
    }

    @Test
    void customizedAndRequestCountMetricsShapeTheirAlarms() {
        register(1, 10);
        aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .policyName("requests").policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(1000.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("ALBRequestCountPerTarget")
                                .resourceLabel("app/web-lb/0123456789abcdef/targetgroup/web-tg/fedcba9876543210"))));
        aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .policyName("queue").policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(10.0)
                        .customizedMetricSpecification(m -> m.namespace("MyApp").metricName("QueueDepth")
                                .dimensions(d -> d.name("Queue").value("jobs")).statistic("Maximum").unit("Count"))));

        List<MetricAlarm> highs = server.server().store().snapshot().all(Kind.METRIC_ALARM)
                .filter(a -> a.alarmName().contains("AlarmHigh")).toList();
        assertThat(highs).extracting(a -> a.definition().metric().metricName() + " "
                        + a.definition().metric().dimensions() + " " + a.definition().statistic())
                .containsExactlyInAnyOrder("RequestCountPerTarget {TargetGroup=targetgroup/web-tg/fedcba9876543210} Sum",
                        "QueueDepth {Queue=jobs} Maximum");
    }

    @Test
    void deregisteringATargetDeletesItsPoliciesAlarmsAndScheduledActions() {
        register(2, 10);
        cpuPolicy("cpu", 70);
        aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .scheduledActionName("night").schedule("cron(0 22 * * ? *)").scalableTargetAction(a -> a.maxCapacity(2)));

        aas.deregisterScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION));

        assertThat(aas.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets()).isEmpty();
        assertThat(aas.describeScalingPolicies(r -> r.serviceNamespace("ecs")).scalingPolicies()).isEmpty();
        assertThat(aas.describeScheduledActions(r -> r.serviceNamespace("ecs")).scheduledActions()).isEmpty();
        assertThat(server.server().store().snapshot().count(Kind.METRIC_ALARM)).isZero();
    }

    @Test
    void describeScalableTargetsPages() {
        for (String name : List.of("a", "b", "c")) {
            AutoScalingFixtures.seedServiceIn(server.ecs(), name);
            aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/my-cluster/" + name)
                    .scalableDimension(DIMENSION).minCapacity(1).maxCapacity(2));
        }

        var first = aas.describeScalableTargets(r -> r.serviceNamespace("ecs").maxResults(2));
        var second = aas.describeScalableTargets(r -> r.serviceNamespace("ecs").maxResults(2)
                .nextToken(first.nextToken()));

        assertThat(first.scalableTargets()).extracting(ScalableTarget::resourceId)
                .containsExactly("service/my-cluster/a", "service/my-cluster/b");
        assertThat(second.scalableTargets()).extracting(ScalableTarget::resourceId)
                .containsExactly("service/my-cluster/c");
        assertThat(second.nextToken()).isNull();
        assertThat(aas.describeScalableTargetsPaginator(r -> r.serviceNamespace("ecs").maxResults(1))
                .scalableTargets().stream().count()).isEqualTo(3);
    }

    @Test
    void aTargetHasAtMostFiftyPolicies() {
        register(1, 10);
        for (int i = 0; i < 50; i++) {
            int n = i;
            aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                    .policyName("p" + n).policyType("StepScaling").stepScalingPolicyConfiguration(c -> c
                            .adjustmentType("ChangeInCapacity").stepAdjustments(s -> s.metricIntervalLowerBound(0.0)
                                    .scalingAdjustment(1))));
        }

        assertError(() -> aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("one-more").policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity")
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1)))),
                "LimitExceededException", "at most 50 scaling policies").isInstanceOf(LimitExceededException.class);
        assertThat(aas.describeScalingPoliciesPaginator(r -> r.serviceNamespace("ecs")).scalingPolicies().stream()
                .count()).isEqualTo(50);
    }
}
