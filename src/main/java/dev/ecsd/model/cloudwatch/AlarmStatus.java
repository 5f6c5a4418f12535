package dev.ecsd.model.cloudwatch;

import java.time.Instant;

/**
 * Where an alarm stands: its state, CloudWatch's reason text and JSON reason data, when the state was last updated
 * and last changed, and the end of the last period evaluated (so a restart neither skips nor repeats a period).
 */
public record AlarmStatus(
        AlarmState state,
        String reason,
        String reasonData,
        Instant updatedAt,
        Instant transitionedAt,
        Instant lastEvaluatedPeriodEnd) {

    /** A new alarm: INSUFFICIENT_DATA, with the reason CloudWatch gives an alarm that has not been evaluated. */
    public static AlarmStatus initial(Instant now) {
        return new AlarmStatus(AlarmState.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", null, now, now, null);
    }
}
