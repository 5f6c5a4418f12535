package dev.ecsd.control.autoscaling;

import java.time.Instant;

/**
 * What an alarm action tells a scaling policy: which alarm, in which state, the value of its metric in the newest
 * evaluated period (null when it had none), its threshold, and when that period ended.
 */
public record AlarmSignal(String alarmName, String alarmArn, String state, Double metricValue, double threshold,
        Instant periodEnd) {
}
