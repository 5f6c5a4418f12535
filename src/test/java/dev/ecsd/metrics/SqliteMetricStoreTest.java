package dev.ecsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.testing.VirtualTimer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMetricStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final MetricKey CPU = MetricKey.of("AWS/ECS", "CPUUtilization",
            Map.of("ServiceName", "web", "ClusterName", "default"));

    @TempDir
    Path directory;

    private final VirtualTimer clock = new VirtualTimer(NOW);
    private SqliteMetricStore store;

    @BeforeEach
    void open() {
        store = SqliteMetricStore.open(directory.resolve("metrics.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void mergesDataOfOneMinuteIntoOneStatisticSetWithItsPercentiles() {
        Instant minute = NOW.minus(Duration.ofMinutes(10));
        store.put(List.of(value(minute.plusSeconds(5), 10), value(minute.plusSeconds(20), 30)));
        store.put(List.of(value(minute.plusSeconds(59), 20), value(minute.plusSeconds(60), 99)));

        List<PeriodStatistics> periods = store.statistics(CPU, minute, minute.plusSeconds(120), Duration.ofMinutes(1),
                null);

        assertThat(periods).hasSize(2);
        PeriodStatistics first = periods.getFirst();
        assertThat(first.start()).isEqualTo(minute);
        assertThat(first.unit()).isEqualTo("Percent");
        assertThat(first.sampleCount()).isEqualTo(3);
        assertThat(first.sum()).isEqualTo(60);
        assertThat(first.minimum()).isEqualTo(10);
        assertThat(first.maximum()).isEqualTo(30);
        assertThat(first.average()).isEqualTo(20);
        assertThat(first.sortedValues()).containsExactly(10, 20, 30);
        assertThat(periods.get(1).start()).isEqualTo(minute.plusSeconds(60));
        assertThat(periods.get(1).sum()).isEqualTo(99);
    }

    @Test
    void aStatisticSetTakesAwayThePercentilesOfItsBucketUnlessItIsOneValue() {
        Instant minute = NOW.minus(Duration.ofMinutes(10));
        store.put(List.of(value(minute, 10),
                MetricDatum.statisticSet(CPU, minute.plusSeconds(1), "Percent", 60, 4, 100, 5, 45)));
        store.put(List.of(value(minute.plusSeconds(60), 10),
                MetricDatum.statisticSet(CPU, minute.plusSeconds(61), "Percent", 60, 3, 21, 7, 7)));

        List<PeriodStatistics> periods = store.statistics(CPU, minute, minute.plusSeconds(120), Duration.ofMinutes(1),
                null);

        assertThat(periods.get(0).sampleCount()).isEqualTo(5);
        assertThat(periods.get(0).sum()).isEqualTo(110);
        assertThat(periods.get(0).minimum()).isEqualTo(5);
        assertThat(periods.get(0).maximum()).isEqualTo(45);
        assertThat(periods.get(0).sortedValues()).isEmpty();
        assertThat(periods.get(1).sortedValues()).containsExactly(7, 7, 7, 10);
    }

    @Test
    void aggregatesBucketsIntoPeriodsAlignedToTheStartWithUnitsApartOrMerged() {
        Instant start = NOW.minus(Duration.ofMinutes(30));
        List<MetricDatum> data = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            data.add(value(start.plusSeconds(minute * 60L), minute));
        }
        data.add(MetricDatum.value(CPU, start, "Count", 1000));
        store.put(data);

        List<PeriodStatistics> fiveMinutes = store.statisticsByUnit(CPU, start, start.plusSeconds(600),
                Duration.ofMinutes(5), null);
        List<PeriodStatistics> merged = store.statistics(CPU, start, start.plusSeconds(600), Duration.ofMinutes(5),
                null);
        List<PeriodStatistics> percentOnly = store.statistics(CPU, start, start.plusSeconds(600),
                Duration.ofMinutes(5), "Percent");

        assertThat(fiveMinutes).extracting(PeriodStatistics::unit).containsExactly("Count", "Percent", "Percent");
        assertThat(fiveMinutes.get(1).sum()).isEqualTo(0 + 1 + 2 + 3 + 4);
        assertThat(fiveMinutes.get(2).start()).isEqualTo(start.plusSeconds(300));
        assertThat(fiveMinutes.get(2).maximum()).isEqualTo(9);
        assertThat(percentOnly).hasSize(2);
        assertThat(merged).hasSize(2);
        assertThat(merged.getFirst().unit()).isEqualTo("Count");
        assertThat(merged.getFirst().sampleCount()).isEqualTo(6);
        assertThat(merged.getFirst().sum()).isEqualTo(1010);
        assertThat(merged.getFirst().maximum()).isEqualTo(1000);
        assertThat(merged.getFirst().sortedValues()).containsExactly(0, 1, 2, 3, 4, 1000);
        assertThat(store.statistics(MetricKey.of("AWS/ECS", "Other", Map.of()), start, NOW, Duration.ofMinutes(5),
                null)).isEmpty();
    }

    @Test
    void highResolutionDataIsKeptBySecondForThreeHoursThenByMinute() {
        Instant second = NOW.minusSeconds(120);
        store.put(List.of(highResolution(second, 1), highResolution(second.plusSeconds(1), 3),
                highResolution(second.plusSeconds(2), 5)));

        assertThat(store.statistics(CPU, second, second.plusSeconds(3), Duration.ofSeconds(1), null))
                .extracting(PeriodStatistics::sum).containsExactly(1.0, 3.0, 5.0);

        clock.advance(Duration.ofHours(3));
        int moved = store.rollUp();

        assertThat(moved).isEqualTo(3);
        List<PeriodStatistics> after = store.statistics(CPU, second.minusSeconds(60), second.plusSeconds(60),
                Duration.ofSeconds(1), null);
        assertThat(after).hasSize(1);
        assertThat(after.getFirst().start()).isEqualTo(Instant.parse("2026-03-01T11:58:00Z"));
        assertThat(after.getFirst().sampleCount()).isEqualTo(3);
        assertThat(after.getFirst().sortedValues()).containsExactly(1, 3, 5);
    }

    @Test
    void minuteDataRollsIntoFiveMinutesThenHoursAndExpires() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        List<MetricDatum> data = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            data.add(value(start.plusSeconds(minute * 60L), 2));
        }
        store.put(data);

        clock.advance(Duration.ofDays(15));
        store.rollUp();
        List<PeriodStatistics> fiveMinutes = store.statistics(CPU, start, start.plusSeconds(3600),
                Duration.ofMinutes(1), null);
        clock.advance(Duration.ofDays(63));
        store.rollUp();
        List<PeriodStatistics> hours = store.statistics(CPU, start, start.plusSeconds(3600), Duration.ofMinutes(1),
                null);
        clock.advance(Duration.ofDays(455));
        store.rollUp();

        assertThat(fiveMinutes).hasSize(12).allSatisfy(period -> assertThat(period.sampleCount()).isEqualTo(5));
        assertThat(hours).hasSize(1);
        assertThat(hours.getFirst().sampleCount()).isEqualTo(60);
        assertThat(hours.getFirst().sum()).isEqualTo(120);
        assertThat(store.statistics(CPU, start, start.plusSeconds(3600), Duration.ofMinutes(1), null)).isEmpty();
        assertThat(store.metrics(null, null, null)).isEmpty();
    }

    @Test
    void dataOlderThanItsTierIsStoredWhereTheRollupWouldHavePutIt() {
        Instant old = NOW.minus(Duration.ofHours(5)).plusSeconds(7);
        store.put(List.of(highResolution(old, 4)));

        assertThat(store.statistics(CPU, old.minusSeconds(60), old.plusSeconds(60), Duration.ofSeconds(1), null))
                .singleElement().satisfies(period -> assertThat(period.start()).isEqualTo(old.minusSeconds(7)));
    }

    @Test
    void listsMetricsByNamespaceNameAndRecentActivity() {
        MetricKey other = MetricKey.of("Custom", "Requests", Map.of());
        store.put(List.of(value(NOW.minusSeconds(60), 1)));
        clock.advance(Duration.ofHours(4));
        store.put(List.of(MetricDatum.value(other, clock.instant(), null, 1)));

        assertThat(store.metrics(null, null, null)).containsExactly(CPU, other);
        assertThat(store.metrics("AWS/ECS", null, null)).containsExactly(CPU);
        assertThat(store.metrics(null, "Requests", null)).containsExactly(other);
        assertThat(store.metrics(null, null, clock.instant().minus(Duration.ofHours(3)))).containsExactly(other);
        assertThat(store.statistics(other, NOW, clock.instant().plusSeconds(60), Duration.ofHours(5), null))
                .singleElement().satisfies(period -> assertThat(period.unit()).isEqualTo("None"));
    }

    @Test
    void keepsWhatWasPutAcrossARestartAndForgetsItOnWipe() {
        Instant minute = NOW.minus(Duration.ofMinutes(2));
        store.put(List.of(value(minute, 42)));
        store.close();

        store = SqliteMetricStore.open(directory.resolve("metrics.db"), clock);
        store.put(List.of(value(minute.plusSeconds(10), 8)));

        assertThat(store.statistics(CPU, minute, NOW, Duration.ofMinutes(1), null)).singleElement()
                .satisfies(period -> assertThat(period.sum()).isEqualTo(50));
        assertThat(store.metrics(null, null, null)).containsExactly(CPU);
        store.wipe();
        assertThat(store.metrics(null, null, null)).isEmpty();
        store.put(List.of(value(minute, 1)));
        assertThat(store.metrics(null, null, null)).containsExactly(CPU);
    }

    @Test
    void boundsTheValuesKeptPerBucket() {
        Instant minute = NOW.minus(Duration.ofMinutes(2));
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            data.add(value(minute, i));
        }
        store.put(data);

        PeriodStatistics period = store.statistics(CPU, minute, NOW, Duration.ofMinutes(1), null).getFirst();

        assertThat(period.sampleCount()).isEqualTo(10_000);
        assertThat(period.sortedValues()).hasSize(Percentiles.SAMPLE_LIMIT);
        assertThat(Percentiles.of(period.sortedValues(), 50)).isCloseTo(5_000, offset(100.0));
        assertThat(Percentiles.of(period.sortedValues(), 99)).isCloseTo(9_900, offset(100.0));
    }

    private static MetricDatum value(Instant at, double value) {
        return MetricDatum.value(CPU, at, "Percent", value);
    }

    private static MetricDatum highResolution(Instant at, double value) {
        return new MetricDatum(CPU, at, "Percent", 1, 1, value, value, value, List.of(value));
    }
}
