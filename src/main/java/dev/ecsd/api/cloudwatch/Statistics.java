package dev.ecsd.api.cloudwatch;

import dev.ecsd.metrics.Percentiles;
import dev.ecsd.metrics.PeriodStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.Set;

/** CloudWatch's statistics over a period's data, its period rules, and how it rounds a start time. */
final class Statistics {
    static final Set<String> STANDARD = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    static final Set<Integer> HIGH_RESOLUTION_PERIODS = Set.of(1, 5, 10, 30);

    private Statistics() {
    }

    /** A standard statistic, or a percentile when the period's data allows one; empty when it does not. */
    static OptionalDouble value(PeriodStatistics period, String statistic) {
        return switch (statistic) {
            case "SampleCount" -> OptionalDouble.of(period.sampleCount());
            case "Average" -> OptionalDouble.of(period.average());
            case "Sum" -> OptionalDouble.of(period.sum());
            case "Minimum" -> OptionalDouble.of(period.minimum());
            case "Maximum" -> OptionalDouble.of(period.maximum());
            default -> {
                double p = Percentiles.parse(statistic).orElseThrow();
                yield period.sortedValues().length == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of(Percentiles.of(period.sortedValues(), p));
            }
        };
    }

    static boolean isKnown(String statistic) {
        return STANDARD.contains(statistic) || Percentiles.parse(statistic).isPresent();
    }

    /** Refuses a period CloudWatch refuses: 1, 5, 10, 30 or a multiple of 60 seconds. */
    static int checkPeriod(Integer period, String parameter) {
        CloudWatchErrors.require(period, parameter);
        if (period < 1) {
            throw CloudWatchErrors.invalid("The parameter " + parameter + " must be greater than 0.");
        }
        if (period < 60 ? !HIGH_RESOLUTION_PERIODS.contains(period) : period % 60 != 0) {
            throw CloudWatchErrors.invalid("The parameter " + parameter + " must be a multiple of 60, or 1, 5, 10 "
                    + "or 30 for high-resolution metrics.");
        }
        return period;
    }

    /**
     * The start as CloudWatch rounds it: down to the period for high-resolution periods, else down to the minute
     * within 15 days, to 5 minutes within 63 days, and to the hour beyond.
     */
    static Instant roundStart(Instant start, int periodSeconds, Instant now) {
        long unit;
        if (periodSeconds < 60) {
            unit = periodSeconds;
        } else if (!start.isBefore(now.minus(Duration.ofDays(15)))) {
            unit = 60;
        } else if (!start.isBefore(now.minus(Duration.ofDays(63)))) {
            unit = 300;
        } else {
            unit = 3600;
        }
        long seconds = start.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(seconds, unit) * unit);
    }
}
