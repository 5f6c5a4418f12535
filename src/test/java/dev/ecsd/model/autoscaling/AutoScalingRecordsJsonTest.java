package dev.ecsd.model.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ModelJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The autoscaling records survive the store's JSON, as they must to survive a restart. */
class AutoScalingRecordsJsonTest {
    private static final Instant T0 = Instant.parse("2026-03-12T10:00:00.123Z");

    private static <T> T roundTrip(T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return ModelJson.read(ModelJson.write(value), type);
    }

    @Test
    void everyRecordRoundTrips() {
        ScalableTarget target = new ScalableTarget("ecs", "service/c/s", "ecs:service:DesiredCount", 0, 5, "role",
                new SuspendedState(true, false, true), T0, "arn:t", Map.of("team", "web"),
                ScalingBookkeeping.EMPTY.scaledOut(T0, 2).consume("arn:alarm", T0).notScaled("AlreadyAtMaxCapacity"));
        ScalingPolicy tracking = new ScalingPolicy("arn:p", "cpu", "ecs", "service/c/s", "ecs:service:DesiredCount",
                ScalingPolicy.TARGET_TRACKING, new TargetTrackingConfiguration(70, null, null,
                        new CustomizedMetric("MyApp", "Depth", Map.of("Q", "jobs"), "Sum", "Count"), 60, null, true),
                null, List.of(new PolicyAlarm("a", "arn:a")), T0);
        ScalingPolicy step = new ScalingPolicy("arn:s", "step", "ecs", "service/c/s", "ecs:service:DesiredCount",
                ScalingPolicy.STEP_SCALING, null, new StepScalingConfiguration("PercentChangeInCapacity",
                        List.of(new StepAdjustment(0.0, null, 10)), 2, 60, "Average"), List.of(), T0);
        ScheduledAction action = new ScheduledAction("arn:sa", "night", "ecs", "service/c/s",
                "ecs:service:DesiredCount", "cron(0 22 * * ? *)", "Europe/Berlin", T0, null, null, 2, T0, T0);
        ScalingActivity activity = new ScalingActivity("id", "ecs", "service/c/s", "ecs:service:DesiredCount",
                "Setting desired count to 4.", "cause", T0, T0, "Failed", "Failed to set desired count to 4", null,
                List.of(new NotScaledReason("AlreadyAtMaxCapacity", 4, 1, 4)));

        assertThat(roundTrip(target)).isEqualTo(target);
        assertThat(roundTrip(tracking)).isEqualTo(tracking);
        assertThat(roundTrip(step)).isEqualTo(step);
        assertThat(roundTrip(action)).isEqualTo(action);
        assertThat(roundTrip(activity)).isEqualTo(activity);
    }
}
