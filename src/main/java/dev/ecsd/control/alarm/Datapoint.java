package dev.ecsd.control.alarm;

import java.time.Instant;

/** One evaluated period's value: its start (CloudWatch's datapoint timestamp), its sample count and statistic. */
public record Datapoint(Instant timestamp, double sampleCount, double value) {
}
