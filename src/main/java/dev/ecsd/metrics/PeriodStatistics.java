package dev.ecsd.metrics;

import java.time.Instant;

/**
 * A metric's data over one period: the statistic set of every datum in it, and its raw values sorted (empty when
 * some data came as statistic sets only, so that percentiles are not available — as in CloudWatch).
 */
public record PeriodStatistics(
        Instant start,
        String unit,
        double sampleCount,
        double sum,
        double minimum,
        double maximum,
        double[] sortedValues) {

    public double average() {
        return sum / sampleCount;
    }
}
