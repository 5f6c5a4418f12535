package dev.ecsd.model.cloudwatch;

/** The states of a CloudWatch alarm, in CloudWatch's spelling. A new alarm starts in INSUFFICIENT_DATA. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
