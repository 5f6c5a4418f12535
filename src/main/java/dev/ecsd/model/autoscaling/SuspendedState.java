package dev.ecsd.model.autoscaling;

/** Which scaling a scalable target has suspended, as RegisterScalableTarget's SuspendedState says. */
public record SuspendedState(boolean dynamicScalingInSuspended, boolean dynamicScalingOutSuspended,
        boolean scheduledScalingSuspended) {
    public static final SuspendedState NONE = new SuspendedState(false, false, false);
}
