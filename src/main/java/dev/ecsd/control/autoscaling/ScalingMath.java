package dev.ecsd.control.autoscaling;

import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingBookkeeping;
import dev.ecsd.model.autoscaling.StepAdjustment;
import dev.ecsd.model.autoscaling.StepScalingConfiguration;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a scaling policy answers an alarm, as a pure function of a {@link ScalingSituation}.
 *
 * <p>Target tracking scales out proportionally: {@code ceil(capacity × metric / target)}. It scales in
 * conservatively: only on its low alarm (15 periods under 90% of the target), only when every other target tracking
 * policy of the target is ready to scale in too (a policy with DisableScaleIn abstains), to
 * {@code ceil(capacity × metric / target)} — the ceiling keeps the predicted utilization at or under the target —
 * and by at most half the current count in one action, so a brief dip cannot empty the service.
 *
 * <p>Cooldowns as Application Auto Scaling documents them: during a scale-out cooldown the capacity the last
 * scale-out added counts as part of the next one (the next proposal is computed from the count that scale-out started
 * from, and only a larger count scales); no scale-in starts during a scale-in cooldown (for step scaling, during the
 * cooldown of any scaling). Scale-in is suspended while a deployment of the service is IN_PROGRESS, as ECS documents;
 * scale-out is not. The result is clamped to [min, max]; a desired count set outside it is moved into it by the
 * next scaling action.
 */
public final class ScalingMath {
    private static final double EPSILON = 1e-9;

    private ScalingMath() {
    }

    public static ScalingDecision decide(ScalingSituation situation) {
        if (!"ALARM".equals(situation.signal().state())) {
            return new ScalingDecision.Skip("alarm " + situation.signal().alarmName() + " is not in ALARM");
        }
        if (situation.signal().metricValue() == null) {
            return new ScalingDecision.Skip("alarm " + situation.signal().alarmName() + " has no data point");
        }
        if (situation.policy().usesTargetTracking()) {
            return targetTracking(situation, situation.policy().targetTracking());
        }
        return stepScaling(situation, situation.policy().stepScaling());
    }

    /** Whether an alarm of a target tracking policy is its low (scale-in) alarm, by AWS's naming. */
    public static boolean isLowAlarm(String alarmName) {
        return alarmName.contains("-AlarmLow-");
    }

    private static ScalingDecision targetTracking(ScalingSituation situation, TargetTrackingConfiguration config) {
        ScalableTarget target = situation.target();
        ScalingBookkeeping books = target.bookkeeping();
        int current = situation.currentCapacity();
        double ratio = situation.signal().metricValue() / config.targetValue();
        if (!isLowAlarm(situation.signal().alarmName())) {
            if (target.suspendedState().dynamicScalingOutSuspended()) {
                return new ScalingDecision.Skip("dynamic scale-out is suspended");
            }
            boolean cooling = within(books.lastScaleOutAt(), config.scaleOutCooldownSeconds(), situation.now())
                    && books.capacityBeforeScaleOut() != null;
            int base = cooling ? books.capacityBeforeScaleOut() : current;
            int proposed = Math.max(1, ceil(base * ratio));
            return scaleOut(target, current, proposed, cooling);
        }
        if (config.disableScaleIn()) {
            return new ScalingDecision.Skip("the policy disables scale-in");
        }
        Optional<ScalingDecision> blocked = scaleInBlocked(situation);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        if (within(books.lastScaleInAt(), config.scaleInCooldownSeconds(), situation.now())) {
            return new ScalingDecision.Skip("the scale-in cooldown is in effect");
        }
        if (!situation.othersReadyToScaleIn()) {
            return new ScalingDecision.Skip("another target tracking policy is not ready to scale in");
        }
        int proposed = Math.max(ceil(current * ratio), current - Math.max(1, current / 2));
        return scaleIn(target, current, proposed);
    }

    private static ScalingDecision stepScaling(ScalingSituation situation, StepScalingConfiguration config) {
        ScalableTarget target = situation.target();
        ScalingBookkeeping books = target.bookkeeping();
        int current = situation.currentCapacity();
        AlarmSignal signal = situation.signal();
        Optional<StepAdjustment> step = step(config, signal.metricValue() - signal.threshold());
        if (step.isEmpty()) {
            return new ScalingDecision.Skip("no step adjustment covers the metric's distance from the threshold");
        }
        int proposed = adjusted(config, current, step.get().scalingAdjustment());
        if (proposed > current || proposed == current && step.get().scalingAdjustment() > 0) {
            if (target.suspendedState().dynamicScalingOutSuspended()) {
                return new ScalingDecision.Skip("dynamic scale-out is suspended");
            }
            boolean cooling = within(books.lastScaleOutAt(), config.cooldownSeconds(), situation.now())
                    && books.capacityBeforeScaleOut() != null;
            int fromBase = cooling ? adjusted(config, books.capacityBeforeScaleOut(), step.get().scalingAdjustment())
                    : proposed;
            return scaleOut(target, current, fromBase, cooling);
        }
        if (proposed == current) {
            return notScaled(target, current, proposed);
        }
        Optional<ScalingDecision> blocked = scaleInBlocked(situation);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Instant lastScaling = latest(books.lastScaleInAt(), books.lastScaleOutAt());
        if (within(lastScaling, config.cooldownSeconds(), situation.now())) {
            return new ScalingDecision.Skip("the policy's cooldown is in effect");
        }
        return scaleIn(target, current, proposed);
    }

    private static Optional<ScalingDecision> scaleInBlocked(ScalingSituation situation) {
        if (situation.target().suspendedState().dynamicScalingInSuspended()) {
            return Optional.of(new ScalingDecision.Skip("dynamic scale-in is suspended"));
        }
        if (situation.deploymentInProgress()) {
            return Optional.of(new ScalingDecision.Skip("scale-in is suspended while a deployment is in progress"));
        }
        return Optional.empty();
    }

    private static ScalingDecision scaleOut(ScalableTarget target, int current, int proposed, boolean cooling) {
        int next = clamp(target, proposed);
        if (cooling && next <= current) {
            return new ScalingDecision.Skip("the scale-out cooldown is in effect");
        }
        return next == current ? notScaled(target, current, proposed) : new ScalingDecision.Scale(next, next > current);
    }

    private static ScalingDecision scaleIn(ScalableTarget target, int current, int proposed) {
        int next = clamp(target, proposed);
        return next == current ? notScaled(target, current, proposed) : new ScalingDecision.Scale(next, next > current);
    }

    private static ScalingDecision notScaled(ScalableTarget target, int current, int wanted) {
        String code = wanted > current && current >= target.maxCapacity() ? "AlreadyAtMaxCapacity"
                : wanted < current && current <= target.minCapacity() ? "AlreadyAtMinCapacity"
                : "AlreadyAtDesiredCapacity";
        return new ScalingDecision.NotScaled(code, wanted);
    }

    /**
     * The step whose bounds, relative to the threshold, hold {@code distance}: above the threshold the lower bound is
     * inclusive and the upper exclusive, below it the other way round, as AWS defines them.
     */
    static Optional<StepAdjustment> step(StepScalingConfiguration config, double distance) {
        for (StepAdjustment step : config.stepAdjustments()) {
            double lower = step.metricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY
                    : step.metricIntervalLowerBound();
            double upper = step.metricIntervalUpperBound() == null ? Double.POSITIVE_INFINITY
                    : step.metricIntervalUpperBound();
            boolean inside = distance >= 0 ? lower <= distance && distance < upper
                    : lower < distance && distance <= upper;
            if (inside) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** The capacity an adjustment makes of {@code capacity}, before clamping. */
    static int adjusted(StepScalingConfiguration config, int capacity, int adjustment) {
        return switch (config.adjustmentType()) {
            case "ExactCapacity" -> adjustment;
            case "PercentChangeInCapacity" -> capacity + percentChange(capacity, adjustment,
                    config.minAdjustmentMagnitude());
            default -> capacity + adjustment;
        };
    }

    /**
     * A percentage of a capacity as a whole change, rounded as AWS rounds it: a magnitude above 1 toward zero, one
     * between 0 and 1 to 1; then raised to MinAdjustmentMagnitude.
     */
    static int percentChange(int capacity, int percent, Integer minAdjustmentMagnitude) {
        double exact = capacity * percent / 100.0;
        int magnitude = Math.abs(exact) > 1 ? (int) Math.floor(Math.abs(exact)) : exact == 0 ? 0 : 1;
        if (minAdjustmentMagnitude != null && magnitude < minAdjustmentMagnitude && percent != 0) {
            magnitude = minAdjustmentMagnitude;
        }
        return percent < 0 ? -magnitude : magnitude;
    }

    static int clamp(ScalableTarget target, int capacity) {
        return Math.max(target.minCapacity(), Math.min(target.maxCapacity(), capacity));
    }

    private static int ceil(double value) {
        return (int) Math.ceil(value - EPSILON);
    }

    private static boolean within(Instant since, int seconds, Instant now) {
        return since != null && now.isBefore(since.plusSeconds(seconds));
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
