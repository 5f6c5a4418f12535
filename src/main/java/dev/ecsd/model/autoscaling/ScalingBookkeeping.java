package dev.ecsd.model.autoscaling;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Application Auto Scaling remembers of a target's scaling, for cooldowns and exactly-once alarm actions.
 *
 * @param lastScaleOutAt          when the last scale-out set the desired count, or null
 * @param capacityBeforeScaleOut  the desired count the last scale-out started from: during its cooldown the capacity
 *                                it added counts as part of the next scale-out (as AWS documents)
 * @param lastScaleInAt           when the last scale-in set the desired count, or null
 * @param consumedPeriodEnds      per alarm ARN, the period end of the last invocation carried out or refused: an
 *                                invocation not newer than it is a repeat, and is dropped
 * @param lastNotScaledCode       the code of the last not-scaled activity recorded, so a standing reason is recorded
 *                                once rather than every period
 */
public record ScalingBookkeeping(Instant lastScaleOutAt, Integer capacityBeforeScaleOut, Instant lastScaleInAt,
        Map<String, Instant> consumedPeriodEnds, String lastNotScaledCode) {
    public static final ScalingBookkeeping EMPTY = new ScalingBookkeeping(null, null, null, Map.of(), null);

    public ScalingBookkeeping {
        consumedPeriodEnds = consumedPeriodEnds == null ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(consumedPeriodEnds));
    }

    /** Whether an invocation of {@code alarmArn} for the period ending at {@code periodEnd} was already consumed. */
    public boolean consumed(String alarmArn, Instant periodEnd) {
        Instant last = consumedPeriodEnds.get(alarmArn);
        return last != null && periodEnd != null && !periodEnd.isAfter(last);
    }

    public ScalingBookkeeping consume(String alarmArn, Instant periodEnd) {
        if (periodEnd == null) {
            return this;
        }
        Map<String, Instant> next = new TreeMap<>(consumedPeriodEnds);
        next.merge(alarmArn, periodEnd, (a, b) -> a.isAfter(b) ? a : b);
        return new ScalingBookkeeping(lastScaleOutAt, capacityBeforeScaleOut, lastScaleInAt, next, lastNotScaledCode);
    }

    public ScalingBookkeeping scaledOut(Instant at, int from) {
        return new ScalingBookkeeping(at, from, lastScaleInAt, consumedPeriodEnds, null);
    }

    public ScalingBookkeeping scaledIn(Instant at) {
        return new ScalingBookkeeping(lastScaleOutAt, capacityBeforeScaleOut, at, consumedPeriodEnds, null);
    }

    public ScalingBookkeeping notScaled(String code) {
        return new ScalingBookkeeping(lastScaleOutAt, capacityBeforeScaleOut, lastScaleInAt, consumedPeriodEnds, code);
    }

    /** Forgets an alarm that no longer exists (its policy was replaced or deleted). */
    public ScalingBookkeeping forget(String alarmArn) {
        Map<String, Instant> next = new TreeMap<>(consumedPeriodEnds);
        next.remove(alarmArn);
        return new ScalingBookkeeping(lastScaleOutAt, capacityBeforeScaleOut, lastScaleInAt, next, lastNotScaledCode);
    }
}
