package dev.ecsd.control.alarm;

import dev.ecsd.metrics.PeriodStatistics;
import java.util.OptionalDouble;

/**
 * The value an alarm compares with its threshold, from one period's data: a statistic (Average, Sum, SampleCount,
 * Minimum, Maximum) or an extended statistic pNN(.NN). A percentile needs the raw values: a period whose data came
 * as statistic sets only has no percentile, and counts as missing, as in CloudWatch.
 */
public final class AlarmStatistic {
    private AlarmStatistic() {
    }

    /** The value of {@code statistic} (or {@code extendedStatistic} when statistic is null) over one period. */
    public static OptionalDouble of(PeriodStatistics period, String statistic, String extendedStatistic) {
        if (period == null || period.sampleCount() <= 0) {
            return OptionalDouble.empty();
        }
        if (statistic != null) {
            return OptionalDouble.of(switch (statistic) {
                case "Average" -> period.average();
                case "Sum" -> period.sum();
                case "SampleCount" -> period.sampleCount();
                case "Minimum" -> period.minimum();
                case "Maximum" -> period.maximum();
                default -> throw new IllegalArgumentException("not a statistic: " + statistic);
            });
        }
        double[] values = period.sortedValues();
        if (values == null || values.length == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(percentile(values, percentileOf(extendedStatistic)));
    }

    /** The percentile an extended statistic names ({@code p99.9} → 99.9), or -1 when it names none ecsd computes. */
    public static double percentileOf(String extendedStatistic) {
        if (extendedStatistic == null || !extendedStatistic.matches("p(\\d{1,2}(\\.\\d{1,2})?|100)")) {
            return -1;
        }
        return Double.parseDouble(extendedStatistic.substring(1));
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
