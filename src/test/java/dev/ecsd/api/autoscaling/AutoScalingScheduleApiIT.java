package dev.ecsd.api.autoscaling;

import static dev.ecsd.api.autoscaling.AutoScalingFixtures.DIMENSION;
import static dev.ecsd.api.autoscaling.AutoScalingFixtures.RESOURCE;
import static dev.ecsd.api.autoscaling.AutoScalingFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.state.Kind;
import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ResourceNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.TooManyTagsException;

/**
 * Scheduled actions, tags, and scaling activities through the Java SDK; activities come from alarm actions written
 * into the server's store as alarm evaluation writes them, carried out by the server's own controller.
 */
class AutoScalingScheduleApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private ApplicationAutoScalingClient aas;
    private String targetArn;

    @BeforeEach
    void seed() {
        aas = AutoScalingFixtures.client(server.endpoint());
        AutoScalingFixtures.seedService(server.ecs(), "web-service");
        targetArn = aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).minCapacity(2).maxCapacity(4).tags(Map.of("team", "web")))
                .scalableTargetARN();
    }

    @AfterEach
    void closeClient() {
        aas.close();
    }

    @Test
    void putsDescribesUpdatesAndDeletesScheduledActions() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .scheduledActionName("morning").schedule("cron(0 8 ? * MON-FRI *)").timezone("Europe/Berlin")
                .startTime(start).scalableTargetAction(a -> a.minCapacity(3).maxCapacity(8)));
        aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .scheduledActionName("once").schedule("at(2030-06-01T12:00:00)")
                .scalableTargetAction(a -> a.maxCapacity(2)));

        ScheduledAction morning = aas.describeScheduledActions(r -> r.serviceNamespace("ecs")
                .scheduledActionNames("morning")).scheduledActions().getFirst();
        assertThat(morning.scheduledActionARN()).matches("arn:aws:autoscaling:us-east-1:000000000000:scheduledAction:"
                + "[0-9a-f-]{36}:resource/ecs/service/my-cluster/web-service:scheduledActionName/morning");
        assertThat(morning.schedule()).isEqualTo("cron(0 8 ? * MON-FRI *)");
        assertThat(morning.timezone()).isEqualTo("Europe/Berlin");
        assertThat(morning.startTime()).isEqualTo(start);
        assertThat(morning.scalableTargetAction().minCapacity()).isEqualTo(3);
        assertThat(morning.creationTime()).isNotNull();

        aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .scheduledActionName("morning").schedule("rate(1 day)"));
        ScheduledAction updated = aas.describeScheduledActions(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scheduledActionNames("morning")).scheduledActions().getFirst();
        assertThat(updated.schedule()).isEqualTo("rate(1 day)");
        assertThat(updated.scheduledActionARN()).isEqualTo(morning.scheduledActionARN());
        assertThat(updated.scalableTargetAction().maxCapacity()).isEqualTo(8);

        var page = aas.describeScheduledActions(r -> r.serviceNamespace("ecs").maxResults(1));
        assertThat(page.scheduledActions()).hasSize(1);
        assertThat(page.nextToken()).isNotNull();

        aas.deleteScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .scheduledActionName("once"));
        assertThat(aas.describeScheduledActions(r -> r.serviceNamespace("ecs")).scheduledActions())
                .extracting(ScheduledAction::scheduledActionName).containsExactly("morning");
        assertError(() -> aas.deleteScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).scheduledActionName("once")), "ObjectNotFoundException",
                "No scheduled action found for service namespace: ecs");
    }

    @Test
    void refusesInvalidSchedules() {
        assertError(() -> aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).scheduledActionName("bad").schedule("cron(0 8 * *)")
                .scalableTargetAction(a -> a.minCapacity(1))), "ValidationException", "six fields");
        assertError(() -> aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).scheduledActionName("bad").schedule("rate(5 minutes)")
                .timezone("Nowhere/Special").scalableTargetAction(a -> a.minCapacity(1))),
                "ValidationException", "Invalid timezone");
        assertError(() -> aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).scheduledActionName("bad").schedule("rate(5 minutes)")),
                "ValidationException", "ScalableTargetAction must specify");
        assertError(() -> aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).scheduledActionName("bad").schedule("rate(5 minutes)")
                .scalableTargetAction(a -> a.minCapacity(5).maxCapacity(1))),
                "ValidationException", "Minimum capacity cannot be greater than maximum capacity");
        assertError(() -> aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).scheduledActionName("bad").schedule("rate(5 minutes)")
                .startTime(Instant.parse("2030-01-02T00:00:00Z")).endTime(Instant.parse("2030-01-01T00:00:00Z"))
                .scalableTargetAction(a -> a.minCapacity(1))), "ValidationException", "end time must be after");
    }

    @Test
    void aDueScheduledActionRunsOnTheServer() {
        aas.putScheduledAction(r -> r.serviceNamespace("ecs").resourceId(RESOURCE).scalableDimension(DIMENSION)
                .scheduledActionName("soon").schedule("rate(1 hour)").startTime(Instant.now().plusSeconds(2))
                .scalableTargetAction(a -> a.minCapacity(3)));

        await("the scheduled action raised the desired count").atMost(Duration.ofSeconds(20))
                .until(() -> AutoScalingFixtures.desiredCount(server.ecs(), "web-service") == 3);
        assertThat(aas.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets().getFirst()
                .minCapacity()).isEqualTo(3);
    }

    @Test
    void tagsScalableTargets() {
        assertThat(aas.listTagsForResource(r -> r.resourceARN(targetArn)).tags()).isEqualTo(Map.of("team", "web"));

        aas.tagResource(r -> r.resourceARN(targetArn).tags(Map.of("env", "prod", "team", "payments")));
        aas.untagResource(r -> r.resourceARN(targetArn).tagKeys("env"));

        assertThat(aas.listTagsForResource(r -> r.resourceARN(targetArn)).tags())
                .isEqualTo(Map.of("team", "payments"));
        String unknown = targetArn.substring(0, targetArn.lastIndexOf('/') + 1) + "0".repeat(36);
        assertError(() -> aas.listTagsForResource(r -> r.resourceARN(unknown)), "ResourceNotFoundException",
                "No scalable target found").isInstanceOf(ResourceNotFoundException.class);
        assertError(() -> aas.tagResource(r -> r.resourceARN(targetArn).tags(Map.of("aws:x", "y"))),
                "ValidationException", "reserved");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        assertError(() -> aas.tagResource(r -> r.resourceARN(targetArn).tags(many)), "TooManyTagsException",
                "at most 50 tags").isInstanceOf(TooManyTagsException.class);
    }

    @Test
    void alarmActionsBecomeActivitiesAndNotScaledOnesAreShownOnRequest() {
        var policy = aas.putScalingPolicy(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION).policyName("cpu-target-tracking").policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(70.0).scaleOutCooldown(0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("ECSServiceAverageCPUUtilization"))));
        String highName = policy.alarms().stream().filter(a -> a.alarmName().contains("AlarmHigh")).findFirst()
                .orElseThrow().alarmName();
        MetricAlarm high = server.server().store().snapshot().all(Kind.METRIC_ALARM)
                .filter(a -> a.alarmName().equals(highName)).findFirst().orElseThrow();

        invoke(policy.policyARN(), high, 400.0, Instant.now().minusSeconds(60));
        await("the service scaled to its max").atMost(Duration.ofSeconds(20))
                .until(() -> AutoScalingFixtures.desiredCount(server.ecs(), "web-service") == 4);
        invoke(policy.policyARN(), high, 400.0, Instant.now());
        await("the second invocation was consumed").atMost(Duration.ofSeconds(20))
                .until(() -> server.server().store().snapshot().count(Kind.ALARM_ACTION_INVOCATION) == 0);

        assertThat(aas.describeScalingActivities(r -> r.serviceNamespace("ecs").resourceId(RESOURCE)
                .scalableDimension(DIMENSION)).scalingActivities()).singleElement().satisfies(a -> {
                    assertThat(a.description()).isEqualTo("Setting desired count to 4.");
                    assertThat(a.cause()).isEqualTo("monitor alarm " + highName
                            + " in state ALARM triggered policy cpu-target-tracking");
                    assertThat(a.statusMessage())
                            .isEqualTo("Successfully set desired count to 4. Change successfully fulfilled by ecs.");
                });
        var all = aas.describeScalingActivities(r -> r.serviceNamespace("ecs").includeNotScaledActivities(true))
                .scalingActivities();
        assertThat(all).hasSize(2);
        ScalingActivity notScaled = all.getFirst();
        assertThat(notScaled.notScaledReasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo("AlreadyAtMaxCapacity");
            assertThat(reason.maxCapacity()).isEqualTo(4);
            assertThat(reason.currentCapacity()).isEqualTo(4);
        });
        assertThat(server.ecs().describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().desiredCount()).isEqualTo(4);
    }

    private static void invoke(String policyArn, MetricAlarm alarm, double value, Instant periodEnd) {
        server.server().store().write(tx -> tx.put(Kind.ALARM_ACTION_INVOCATION, new AlarmActionInvocation(policyArn,
                alarm.alarmArn(), alarm.alarmName(), AlarmState.ALARM, value, alarm.definition().threshold(),
                alarm.definition().comparisonOperator(), periodEnd, periodEnd)));
    }
}
