package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.metrics.PeriodStatistics;
import java.time.Instant;
import java.util.List;
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

    @Test
    void mergesPeriodsOfSeveralUnitsIntoOnePerStart() {
        List<PeriodStatistics> merged = Statistics.mergeUnits(List.of(
                new PeriodStatistics(AT, "Count", 1, 5, 5, 5, new double[] {5}),
                new PeriodStatistics(AT, "None", 2, 3, 1, 2, new double[] {1, 2}),
                new PeriodStatistics(AT.plusSeconds(60), "None", 1, 7, 7, 7, new double[0])));

        assertThat(merged).hasSize(2);
        assertThat(merged.getFirst().sampleCount()).isEqualTo(3);
        assertThat(merged.getFirst().sum()).isEqualTo(8);
        assertThat(merged.getFirst().minimum()).isEqualTo(1);
        assertThat(merged.getFirst().maximum()).isEqualTo(5);
        assertThat(merged.getFirst().sortedValues()).containsExactly(1, 2, 5);
        assertThat(merged.get(1).sum()).isEqualTo(7);
    }
}
