package dev.ecsd.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueHistogramTest {

    @Test
    void percentilesAreByNearestRank() {
        ValueHistogram histogram = ValueHistogram.empty();
        for (int value = 10; value >= 1; value--) {
            histogram.add(value, 1);
        }

        assertThat(histogram.percentile(50)).isEqualTo(5);
        assertThat(histogram.percentile(90)).isEqualTo(9);
        assertThat(histogram.percentile(99)).isEqualTo(10);
        assertThat(histogram.percentile(0)).isEqualTo(1);
        assertThat(histogram.percentile(100)).isEqualTo(10);
        assertThat(Percentiles.of(histogram.sortedValues(100), 90)).isEqualTo(9);
    }

    @Test
    void countsRepeatAValueAndSurviveEncoding() {
        ValueHistogram histogram = ValueHistogram.of(3, 2);
        histogram.add(1, 1);
        histogram.add(3, 1);

        ValueHistogram decoded = ValueHistogram.decode(histogram.encode());

        assertThat(decoded.size()).isEqualTo(2);
        assertThat(decoded.totalCount()).isEqualTo(4);
        assertThat(decoded.sortedValues(100)).containsExactly(1, 3, 3, 3);
    }

    @Test
    void staysBoundedAndClosePastItsLimit() {
        ValueHistogram histogram = ValueHistogram.empty();
        for (int value = 1; value <= 100_000; value++) {
            histogram.add(value, 1);
        }

        assertThat(histogram.size()).isLessThanOrEqualTo(ValueHistogram.MAX_ENTRIES);
        assertThat(histogram.totalCount()).isEqualTo(100_000);
        assertThat(histogram.percentile(50)).isCloseTo(50_000, offset(1_000.0));
        assertThat(histogram.percentile(99)).isCloseTo(99_000, offset(1_000.0));
        assertThat(histogram.sortedValues(1_000)).hasSize(1_000).isSorted();
    }

    @Test
    void mergingAddsCounts() {
        ValueHistogram one = ValueHistogram.of(5, 1);
        ValueHistogram other = ValueHistogram.of(5, 2);
        other.add(7, 1);

        one.addAll(other);

        assertThat(one.sortedValues(10)).containsExactly(5, 5, 5, 7);
    }

    @Test
    void readsPercentileStatisticNames() {
        assertThat(Percentiles.parse("p99")).hasValue(99.0);
        assertThat(Percentiles.parse("p99.9")).hasValue(99.9);
        assertThat(Percentiles.parse("p0.0")).hasValue(0.0);
        assertThat(Percentiles.parse("p100")).hasValue(100.0);
        assertThat(Percentiles.parse("p101")).isEqualTo(Optional.empty());
        assertThat(Percentiles.parse("Average")).isEmpty();
        assertThat(Percentiles.parse("tm99")).isEmpty();
    }

    @Test
    void tiersPlaceDataByAge() {
        long now = 1_000_000_000_000L;
        assertThat(Resolutions.tierFor(1, now - 1_000, now)).get().extracting(Resolutions.Tier::seconds)
                .isEqualTo(1);
        assertThat(Resolutions.tierFor(60, now - 1_000, now)).get().extracting(Resolutions.Tier::seconds)
                .isEqualTo(60);
        assertThat(Resolutions.tierFor(1, now - 4 * 3_600_000L, now)).get().extracting(Resolutions.Tier::seconds)
                .isEqualTo(60);
        assertThat(Resolutions.tierFor(60, now - 20 * 86_400_000L, now)).get()
                .extracting(Resolutions.Tier::seconds).isEqualTo(300);
        assertThat(Resolutions.tierFor(60, now - 600 * 86_400_000L, now)).isEmpty();
    }
}
