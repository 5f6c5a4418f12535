package dev.ecsd.metrics;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CloudWatch's percentile statistics: the {@code pNN.NN} names and the value at a percentile of sorted values. */
public final class Percentiles {
    private static final Pattern NAME = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,10})?)");
    /** How many values {@link PeriodStatistics#sortedValues()} holds at most. */
    public static final int SAMPLE_LIMIT = 2_048;

    private Percentiles() {
    }

    /** The percentile a name such as {@code p99} or {@code p99.9} asks for, if it is one between 0 and 100. */
    public static Optional<Double> parse(String statistic) {
        if (statistic == null) {
            return Optional.empty();
        }
        Matcher matcher = NAME.matcher(statistic);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double p = Double.parseDouble(matcher.group(1));
        return p >= 0 && p <= 100 ? Optional.of(p) : Optional.empty();
    }

    /** The value at percentile {@code p} (0-100) of sorted values, by nearest rank; NaN when there are none. */
    public static double of(double[] sortedValues, double p) {
        if (sortedValues.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sortedValues.length);
        return sortedValues[Math.min(Math.max(rank, 1), sortedValues.length) - 1];
    }
}
