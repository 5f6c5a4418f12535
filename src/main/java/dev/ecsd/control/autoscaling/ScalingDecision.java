package dev.ecsd.control.autoscaling;

/** What a policy's invocation comes to: a new desired count, a not-scaled activity, or nothing at all. */
public sealed interface ScalingDecision {

    /** Set the desired count to {@code newCapacity}; {@code scaleOut} says which cooldown it starts. */
    record Scale(int newCapacity, boolean scaleOut) implements ScalingDecision {
    }

    /**
     * Would have scaled to {@code wantedCapacity} but may not: an AWS NotScaledReason code (AlreadyAtMaxCapacity,
     * AlreadyAtMinCapacity, AlreadyAtDesiredCapacity).
     */
    record NotScaled(String code, int wantedCapacity) implements ScalingDecision {
    }

    /** Nothing to do, for a reason worth a log line (a cooldown, a suspension, a deployment, no data). */
    record Skip(String reason) implements ScalingDecision {
    }
}
