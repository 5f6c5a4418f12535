package dev.ecsd.model.autoscaling;

import dev.ecsd.model.Lists;
import java.time.Instant;
import java.util.List;

/**
 * A scaling policy of a scalable target, keyed by its ARN and indexed by its target's key. A target tracking
 * policy owns its alarms ({@code alarms}, created and deleted with it); a step scaling policy lists the alarms that
 * name it as an action, which are the user's.
 */
public record ScalingPolicy(
        String policyArn,
        String policyName,
        String serviceNamespace,
        String resourceId,
        String scalableDimension,
        String policyType,
        TargetTrackingConfiguration targetTracking,
        StepScalingConfiguration stepScaling,
        List<PolicyAlarm> alarms,
        Instant creationTime) {
    public static final String TARGET_TRACKING = "TargetTrackingScaling";
    public static final String STEP_SCALING = "StepScaling";

    public ScalingPolicy {
        alarms = List.copyOf(Lists.orEmpty(alarms));
    }

    public String targetKey() {
        return ScalableTarget.key(serviceNamespace, resourceId, scalableDimension);
    }

    public boolean usesTargetTracking() {
        return TARGET_TRACKING.equals(policyType);
    }
}
