package dev.ecsd.model.autoscaling;

/** An alarm that invokes a scaling policy, as DescribeScalingPolicies lists it. */
public record PolicyAlarm(String alarmName, String alarmArn) {
}
