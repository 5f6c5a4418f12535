package dev.ecsd.control.autoscaling;

import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import java.time.Instant;

/**
 * Everything a scaling decision depends on, read from the state: the target (bounds, suspension, cooldown
 * bookkeeping), the policy invoked, the signal, the service's desired count, whether one of its deployments is
 * IN_PROGRESS, whether every other target tracking policy of the target is ready to scale in, and the time.
 */
public record ScalingSituation(ScalableTarget target, ScalingPolicy policy, AlarmSignal signal, int currentCapacity,
        boolean deploymentInProgress, boolean othersReadyToScaleIn, Instant now) {
}
