package dev.ecsd.control.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.autoscaling.PolicyAlarm;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingBookkeeping;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.StepAdjustment;
import dev.ecsd.model.autoscaling.StepScalingConfiguration;
import dev.ecsd.model.autoscaling.SuspendedState;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingMathTest {
    private static final Instant T0 = Instant.parse("2026-03-12T10:00:00Z");
    private static final String HIGH = "TargetTracking-service/c/web-AlarmHigh-1";
    private static final String LOW = "TargetTracking-service/c/web-AlarmLow-2";

    private static ScalableTarget target(int min, int max, ScalingBookkeeping books) {
        return new ScalableTarget("ecs", "service/c/web", "ecs:service:DesiredCount", min, max, "role", null, T0,
                "arn", null, books);
    }

    private static ScalingPolicy tracking(double target, Integer outCooldown, Integer inCooldown, boolean disableIn) {
        return new ScalingPolicy("arn:policy", "cpu-target-tracking", "ecs", "service/c/web",
                "ecs:service:DesiredCount", ScalingPolicy.TARGET_TRACKING,
                new TargetTrackingConfiguration(target, "ECSServiceAverageCPUUtilization", null, null, outCooldown,
                        inCooldown, disableIn),
                null, List.of(new PolicyAlarm(HIGH, "arn:high"), new PolicyAlarm(LOW, "arn:low")), T0);
    }

    private static ScalingPolicy step(String type, Integer minMagnitude, Integer cooldown, StepAdjustment... steps) {
        return new ScalingPolicy("arn:step", "step", "ecs", "service/c/web", "ecs:service:DesiredCount",
                ScalingPolicy.STEP_SCALING, null,
                new StepScalingConfiguration(type, List.of(steps), minMagnitude, cooldown, "Average"), List.of(), T0);
    }

    private static ScalingDecision decide(ScalableTarget target, ScalingPolicy policy, String alarm, double metric,
            double threshold, int current, boolean deploying, boolean othersReady, Instant now) {
        return ScalingMath.decide(new ScalingSituation(target, policy,
                new AlarmSignal(alarm, "arn:" + alarm, "ALARM", metric, threshold, now), current, deploying,
                othersReady, now));
    }

    @Test
    void targetTrackingScalesOutProportionally() {
        ScalingDecision decision = decide(target(2, 10, null), tracking(70, 60, 120, false), HIGH, 90, 70, 2, false,
                true, T0);

        assertThat(decision).isEqualTo(new ScalingDecision.Scale(3, true));
    }

    @Test
    void duringTheScaleOutCooldownTheAddedCapacityCountsTowardTheNextScaleOut() {
        ScalableTarget cooling = target(2, 10, ScalingBookkeeping.EMPTY.scaledOut(T0, 2));

        assertThat(decide(cooling, tracking(70, 60, 120, false), HIGH, 90, 70, 3, false, true, T0.plusSeconds(30)))
                .isInstanceOf(ScalingDecision.Skip.class);
        // a much higher load during the cooldown still scales further: ceil(2 × 200 / 70) = 6 > 3
        assertThat(decide(cooling, tracking(70, 60, 120, false), HIGH, 200, 70, 3, false, true, T0.plusSeconds(30)))
                .isEqualTo(new ScalingDecision.Scale(6, true));
        assertThat(decide(cooling, tracking(70, 60, 120, false), HIGH, 90, 70, 3, false, true, T0.plusSeconds(60)))
                .isEqualTo(new ScalingDecision.Scale(4, true));
    }

    @Test
    void scaleOutIsClampedToMaxAndThenNotScaled() {
        assertThat(decide(target(2, 10, null), tracking(70, 60, 120, false), HIGH, 90, 70, 9, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(10, true));
        assertThat(decide(target(2, 10, null), tracking(70, 60, 120, false), HIGH, 90, 70, 10, false, true, T0))
                .isEqualTo(new ScalingDecision.NotScaled("AlreadyAtMaxCapacity", 13));
    }

    @Test
    void scaleInIsProportionalByAtMostHalfAndNeverBelowMin() {
        ScalingPolicy policy = tracking(70, 60, 120, false);
        // ceil(10 × 20 / 70) = 3, but at most half of 10 goes at once
        assertThat(decide(target(2, 10, null), policy, LOW, 20, 63, 10, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(5, false));
        assertThat(decide(target(2, 10, null), policy, LOW, 20, 63, 3, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(2, false));
        assertThat(decide(target(2, 10, null), policy, LOW, 20, 63, 2, false, true, T0))
                .isEqualTo(new ScalingDecision.NotScaled("AlreadyAtMinCapacity", 1));
        // 60% of 2 tasks against 70: ceil(1.71) = 2 would not lower the count
        assertThat(decide(target(1, 10, null), policy, LOW, 60, 63, 2, false, true, T0))
                .isEqualTo(new ScalingDecision.NotScaled("AlreadyAtDesiredCapacity", 2));
    }

    @Test
    void scaleInWaitsForItsCooldownADeploymentAndTheOtherPolicies() {
        ScalingPolicy policy = tracking(70, 60, 120, false);
        ScalableTarget justScaledIn = target(2, 10, ScalingBookkeeping.EMPTY.scaledIn(T0));

        assertThat(decide(justScaledIn, policy, LOW, 20, 63, 6, false, true, T0.plusSeconds(119)))
                .isInstanceOf(ScalingDecision.Skip.class);
        assertThat(decide(justScaledIn, policy, LOW, 20, 63, 6, false, true, T0.plusSeconds(120)))
                .isEqualTo(new ScalingDecision.Scale(3, false));
        assertThat(decide(target(2, 10, null), policy, LOW, 20, 63, 6, true, true, T0))
                .isEqualTo(new ScalingDecision.Skip("scale-in is suspended while a deployment is in progress"));
        assertThat(decide(target(2, 10, null), policy, LOW, 20, 63, 6, false, false, T0))
                .isEqualTo(new ScalingDecision.Skip("another target tracking policy is not ready to scale in"));
    }

    @Test
    void scaleOutGoesOnDuringADeployment() {
        assertThat(decide(target(2, 10, null), tracking(70, 60, 120, false), HIGH, 90, 70, 2, true, true, T0))
                .isEqualTo(new ScalingDecision.Scale(3, true));
    }

    @Test
    void suspensionsAndDisableScaleInAreHonoured() {
        ScalableTarget suspended = target(2, 10, null).withSuspendedState(new SuspendedState(true, true, false));

        assertThat(decide(suspended, tracking(70, 60, 120, false), HIGH, 90, 70, 2, false, true, T0))
                .isInstanceOf(ScalingDecision.Skip.class);
        assertThat(decide(suspended, tracking(70, 60, 120, false), LOW, 20, 63, 5, false, true, T0))
                .isInstanceOf(ScalingDecision.Skip.class);
        assertThat(decide(target(2, 10, null), tracking(70, 60, 120, true), LOW, 20, 63, 5, false, true, T0))
                .isEqualTo(new ScalingDecision.Skip("the policy disables scale-in"));
    }

    @Test
    void aDesiredCountOutsideTheRangeIsMovedIntoItByTheNextScaling() {
        assertThat(decide(target(2, 10, null), tracking(70, 60, 120, false), HIGH, 90, 70, 15, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(10, false));
        assertThat(decide(target(2, 10, null), tracking(70, 60, 120, false), LOW, 20, 63, 1, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(2, true));
    }

    @Test
    void noDataOrNoAlarmStateMeansNoScaling() {
        ScalingDecision decision = ScalingMath.decide(new ScalingSituation(target(2, 10, null),
                tracking(70, 60, 120, false), new AlarmSignal(HIGH, "arn:high", "ALARM", null, 70, T0), 2, false, true,
                T0));

        assertThat(decision).isInstanceOf(ScalingDecision.Skip.class);
    }

    @Test
    void stepBoundsAreRelativeToTheThreshold() {
        ScalingPolicy policy = step("ChangeInCapacity", null, 60,
                new StepAdjustment(0.0, 10.0, 1), new StepAdjustment(10.0, null, 3),
                new StepAdjustment(null, -20.0, -2), new StepAdjustment(-20.0, 0.0, -1));

        assertThat(decide(target(1, 20, null), policy, "cpu-high", 75, 70, 4, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(5, true));
        // exactly 10 above: the lower bound is inclusive above the threshold
        assertThat(decide(target(1, 20, null), policy, "cpu-high", 80, 70, 4, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(7, true));
        // exactly 20 below: the upper bound is inclusive below the threshold
        assertThat(decide(target(1, 20, null), policy, "cpu-low", 30, 50, 4, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(2, false));
        assertThat(decide(target(1, 20, null), policy, "cpu-low", 40, 50, 4, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(3, false));
    }

    @Test
    void percentChangeRoundsAsAwsAndHonoursTheMinimumMagnitude() {
        assertThat(ScalingMath.percentChange(10, 25, null)).isEqualTo(2);
        assertThat(ScalingMath.percentChange(2, 25, null)).isEqualTo(1);
        assertThat(ScalingMath.percentChange(10, -25, null)).isEqualTo(-2);
        assertThat(ScalingMath.percentChange(10, 10, 3)).isEqualTo(3);

        ScalingPolicy percent = step("PercentChangeInCapacity", 2, null, new StepAdjustment(0.0, null, 50));
        assertThat(decide(target(1, 20, null), percent, "cpu-high", 90, 70, 3, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(5, true));
    }

    @Test
    void exactCapacitySetsTheCount() {
        ScalingPolicy exact = step("ExactCapacity", null, null, new StepAdjustment(0.0, null, 6));

        assertThat(decide(target(1, 20, null), exact, "cpu-high", 90, 70, 3, false, true, T0))
                .isEqualTo(new ScalingDecision.Scale(6, true));
    }

    @Test
    void stepCooldownCountsTheLastScaleOutAndBlocksScaleIn() {
        ScalingPolicy policy = step("ChangeInCapacity", null, 300, new StepAdjustment(0.0, 10.0, 2),
                new StepAdjustment(10.0, null, 3), new StepAdjustment(null, 0.0, -1));
        ScalableTarget cooling = target(1, 20, ScalingBookkeeping.EMPTY.scaledOut(T0, 4));

        // AWS's example: +2 done, then a +3 step during the cooldown adds only 1
        assertThat(decide(cooling, policy, "cpu-high", 85, 70, 6, false, true, T0.plusSeconds(100)))
                .isEqualTo(new ScalingDecision.Scale(7, true));
        assertThat(decide(cooling, policy, "cpu-high", 75, 70, 6, false, true, T0.plusSeconds(100)))
                .isInstanceOf(ScalingDecision.Skip.class);
        assertThat(decide(cooling, policy, "cpu-low", 20, 30, 6, false, true, T0.plusSeconds(100)))
                .isInstanceOf(ScalingDecision.Skip.class);
        assertThat(decide(cooling, policy, "cpu-low", 20, 30, 6, false, true, T0.plusSeconds(300)))
                .isEqualTo(new ScalingDecision.Scale(5, false));
    }
}
