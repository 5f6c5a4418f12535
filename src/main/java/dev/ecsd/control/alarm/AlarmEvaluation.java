package dev.ecsd.control.alarm;

import dev.ecsd.model.cloudwatch.AlarmState;

/**
 * What one evaluation of an alarm found: the state it should be in, with CloudWatch's reason and reason data when
 * that state is new, or {@code retained} when the data decides nothing (TreatMissingData ignore) and the alarm stays
 * as it is. {@code newestValue} is the statistic of the newest evaluated period, null when it had no data.
 */
public record AlarmEvaluation(AlarmState state, String reason, String reasonData, boolean retained,
        Double newestValue) {

    static AlarmEvaluation retain(AlarmState current, Double newestValue) {
        return new AlarmEvaluation(current, null, null, true, newestValue);
    }
}
