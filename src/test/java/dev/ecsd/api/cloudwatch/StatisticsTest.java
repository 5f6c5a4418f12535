package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.metrics.PeriodStatistics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void computesEachStatisticOfAPeriod() {
        PeriodStatistics period = new PeriodStatistics(AT, "Percent", 4, 100, 10, 40, new double[] {10, 20, 30, 40});

        assertThat(Statistics.value(period, "SampleCount")).hasValue(4);
        assertThat(Statistics.value(period, "Average")).hasValue(25);
        assertThat(Statistics.value(period, "Sum")).hasValue(100);
        assertThat(Statistics.value(period, "Minimum")).hasValue(10);
        assertThat(Statistics.value(period, "Maximum")).hasValue(40);
        assertThat(Statistics.value(period, "p50")).hasValue(20);
        assertThat(Statistics.value(period, "p75.5")).hasValue(40);
        assertThat(Statistics.value(new PeriodStatistics(AT, "Percent", 4, 100, 10, 40, new double[0]), "p50"))
                .isEmpty();
        assertThat(Statistics.isKnown("p99.9")).isTrue();
        assertThat(Statistics.isKnown("Median")).isFalse();
    }
}
