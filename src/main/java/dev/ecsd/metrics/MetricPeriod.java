package dev.ecsd.metrics;

import java.time.Duration;

/**
 * ecsd's minute: how often it publishes its own metrics (AWS/ECS and the like) and how long one 60-second alarm
 * period lasts. AWS's is 60 seconds; {@code --metric-period-seconds} shortens it so that scaling can be tried in
 * minutes rather than quarter hours. An alarm or scaling period of {@code p} AWS seconds lasts
 * {@code p × publishEvery / 60 s} of real time; cooldowns and schedules are not scaled.
 */
public record MetricPeriod(Duration publishEvery) {
    public static final MetricPeriod AWS = new MetricPeriod(Duration.ofSeconds(60));

    public MetricPeriod {
        if (publishEvery.isNegative() || publishEvery.isZero() || publishEvery.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("the metric period must be between 1 and 60 seconds: " + publishEvery);
        }
    }

    public static MetricPeriod ofSeconds(int seconds) {
        return new MetricPeriod(Duration.ofSeconds(seconds));
    }

    /** Whether ecsd's minute is AWS's. */
    public boolean isAws() {
        return publishEvery.equals(AWS.publishEvery);
    }

    /** How long an alarm period of {@code awsSeconds} lasts here. */
    public Duration scale(int awsSeconds) {
        return Duration.ofMillis(awsSeconds * publishEvery.toMillis() / 60);
    }

    /** The storage resolution of ecsd's own data points: a minute, or a second when ecsd's minute is shorter. */
    public int storageResolutionSeconds() {
        return isAws() ? 60 : 1;
    }
}
