package dev.ecsd.control.autoscaling;

import dev.ecsd.model.autoscaling.NotScaledReason;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import java.time.Instant;
import java.util.List;

/** Scaling activities in Application Auto Scaling's wording for ECS services. */
public final class ScalingActivities {
    private ScalingActivities() {
    }

    /** The cause of an alarm-driven activity: "monitor alarm X in state ALARM triggered policy Y". */
    public static String alarmCause(String alarmName, String state, String policyName) {
        return "monitor alarm " + alarmName + " in state " + state + " triggered policy " + policyName;
    }

    /** A desired count set: "Setting desired count to 4.", Successful. */
    public static ScalingActivity succeeded(String activityId, ScalableTarget target, int desiredCount, String cause,
            Instant now) {
        return new ScalingActivity(activityId, target.serviceNamespace(), target.resourceId(),
                target.scalableDimension(), "Setting desired count to " + desiredCount + ".", cause, now, now,
                "Successful", "Successfully set desired count to " + desiredCount
                        + ". Change successfully fulfilled by ecs.", null, List.of());
    }

    /**
     * A desired count ECS refused: Failed, with ECS's error as the reason (AWS: "Failed to set desired count to 9.
     * Reason: ..."; the rest of AWS's message, its request ids, ecsd leaves out).
     */
    public static ScalingActivity failed(String activityId, ScalableTarget target, int desiredCount, String cause,
            String reason, Instant now) {
        return new ScalingActivity(activityId, target.serviceNamespace(), target.resourceId(),
                target.scalableDimension(), "Setting desired count to " + desiredCount + ".", cause, now, now,
                "Failed", "Failed to set desired count to " + desiredCount + ". Reason: " + reason, null, List.of());
    }

    /** An action that did not scale, with its NotScaledReason; shown only to IncludeNotScaledActivities. */
    public static ScalingActivity notScaled(String activityId, ScalableTarget target, int wanted, int current,
            String code, String cause, Instant now) {
        return new ScalingActivity(activityId, target.serviceNamespace(), target.resourceId(),
                target.scalableDimension(), "Setting desired count to " + wanted + ".", cause, now, now, "Failed",
                "Failed to set desired count to " + wanted, null,
                List.of(new NotScaledReason(code, target.maxCapacity(), target.minCapacity(), current)));
    }
}
