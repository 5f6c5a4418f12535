package dev.ecsd.model.autoscaling;

import dev.ecsd.model.Lists;
import java.time.Instant;
import java.util.List;

/**
 * A scaling activity, as DescribeScalingActivities shows it; keyed by its id, indexed by its target's key, and kept
 * six weeks. An activity with not-scaled reasons is shown only to IncludeNotScaledActivities.
 */
public record ScalingActivity(
        String activityId,
        String serviceNamespace,
        String resourceId,
        String scalableDimension,
        String description,
        String cause,
        Instant startTime,
        Instant endTime,
        String statusCode,
        String statusMessage,
        String details,
        List<NotScaledReason> notScaledReasons) {

    public ScalingActivity {
        notScaledReasons = List.copyOf(Lists.orEmpty(notScaledReasons));
    }

    public String targetKey() {
        return ScalableTarget.key(serviceNamespace, resourceId, scalableDimension);
    }

    public boolean hasNotScaledReasons() {
        return !notScaledReasons.isEmpty();
    }
}
