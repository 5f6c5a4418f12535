package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ecsd.control.metrics.StatisticSet.Share;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticSetTest {

    @Test
    void theAverageIsAllTheUnitsUsedOverAllTheUnitsReservedNotTheMeanOfTheTasksPercentages() {
        // 230 of 256 (89.8 %) and 512 of 1024 (50 %): ECS's service figure is 742 × 100 / 1280 = 57.97 %
        StatisticSet set = StatisticSet.utilization(List.of(new Share(230, 256), new Share(512, 1024))).orElseThrow();

        assertThat(set.sampleCount()).isEqualTo(2);
        assertThat(set.average()).isCloseTo(742 * 100.0 / 1280, within(1e-9));
        assertThat(set.sum()).isCloseTo(2 * 742 * 100.0 / 1280, within(1e-9));
        assertThat(set.minimum()).isCloseTo(50, within(1e-9));
        assertThat(set.maximum()).isCloseTo(230 * 100.0 / 256, within(1e-9));
    }

    @Test
    void tasksAllAtNinetyPercentAverageNinety() {
        StatisticSet set = StatisticSet.utilization(List.of(new Share(230.4, 256), new Share(230.4, 256),
                new Share(230.4, 256))).orElseThrow();

        assertThat(set.average()).isCloseTo(90, within(1e-9));
        assertThat(set.minimum()).isCloseTo(90, within(1e-9));
        assertThat(set.maximum()).isCloseTo(90, within(1e-9));
        assertThat(set.sampleCount()).isEqualTo(3);
    }

    @Test
    void noTaskMeansNoDataPointAndTasksThatReserveNothingAreLeftOut() {
        assertThat(StatisticSet.utilization(List.of())).isEmpty();
        assertThat(StatisticSet.utilization(List.of(new Share(100, 0)))).isEmpty();

        StatisticSet set = StatisticSet.utilization(List.of(new Share(100, 0), new Share(128, 256))).orElseThrow();
        assertThat(set.sampleCount()).isEqualTo(1);
        assertThat(set.average()).isCloseTo(50, within(1e-9));
    }

    @Test
    void aTaskAboveItsReservationShowsAboveOneHundred() {
        // container-level reservations are soft: a task may use more than it reserves
        StatisticSet set = StatisticSet.utilization(List.of(new Share(300, 200))).orElseThrow();

        assertThat(set.maximum()).isCloseTo(150, within(1e-9));
    }

    @Test
    void valuesPerTaskSumToTheTotal() {
        StatisticSet set = StatisticSet.ofValues(List.of(10.0, 30.0, 20.0)).orElseThrow();

        assertThat(set).isEqualTo(new StatisticSet(3, 60, 10, 30));
        assertThat(StatisticSet.ofValues(List.of())).isEmpty();
    }
}
