package dev.ecsd.model.autoscaling;

import java.time.Instant;

/**
 * A scheduled action of a scalable target, keyed by its ARN and indexed by its target's key: at its schedule's times
 * (at(), rate() or cron(), in {@code timezone}, between start and end) it sets the target's min and/or max.
 *
 * @param lastRunAt the scheduled time of the last run carried out, so a restart neither repeats nor skips one
 */
public record ScheduledAction(
        String scheduledActionArn,
        String scheduledActionName,
        String serviceNamespace,
        String resourceId,
        String scalableDimension,
        String schedule,
        String timezone,
        Instant startTime,
        Instant endTime,
        Integer minCapacity,
        Integer maxCapacity,
        Instant creationTime,
        Instant lastRunAt) {

    public String targetKey() {
        return ScalableTarget.key(serviceNamespace, resourceId, scalableDimension);
    }

    public ScheduledAction ranAt(Instant scheduledTime) {
        return new ScheduledAction(scheduledActionArn, scheduledActionName, serviceNamespace, resourceId,
                scalableDimension, schedule, timezone, startTime, endTime, minCapacity, maxCapacity, creationTime,
                scheduledTime);
    }
}
