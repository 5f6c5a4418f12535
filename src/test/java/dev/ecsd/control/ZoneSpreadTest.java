package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How new tasks spread over the zones and subnets they may use, against the tasks already placed. */
class ZoneSpreadTest {
    private static final Map<String, String> ZONES = Map.of("s-a1", "za", "s-a2", "za", "s-b1", "zb", "s-c1", "zc");
    private static final Function<String, String> ZONE_OF = ZONES::get;

    @Test
    void newTasksGoRoundTheZonesInNameOrderWhenNoneIsPlaced() {
        assertThat(ZoneSpread.next(List.of("s-c1", "s-b1", "s-a1"), List.of(), ZONE_OF, 5))
                .containsExactly("s-a1", "s-b1", "s-c1", "s-a1", "s-b1");
    }

    @Test
    void newTasksFillTheZonesWithFewestTasksFirst() {
        List<String> placed = List.of("s-a1", "s-a1", "s-b1");

        assertThat(ZoneSpread.next(List.of("s-a1", "s-b1", "s-c1"), placed, ZONE_OF, 3))
                .containsExactly("s-c1", "s-b1", "s-c1");
    }

    @Test
    void withinAZoneTheSubnetWithFewestTasksIsChosenThenTheOneListedFirst() {
        assertThat(ZoneSpread.next(List.of("s-a2", "s-a1", "s-b1"), List.of("s-a2"), ZONE_OF, 4))
                .containsExactly("s-b1", "s-a1", "s-b1", "s-a2");
        assertThat(ZoneSpread.next(List.of("s-a2", "s-a1"), List.of(), ZONE_OF, 1)).containsExactly("s-a2");
    }

    @Test
    void tasksInSubnetsNoLongerGivenStillCountForTheirZone() {
        assertThat(ZoneSpread.next(List.of("s-a1", "s-b1"), List.of("s-a2"), ZONE_OF, 1)).containsExactly("s-b1");
    }

    @Test
    void oneZoneTakesEveryTask() {
        assertThat(ZoneSpread.next(List.of("s-a1", "s-a2"), List.of(), ZONE_OF, 3))
                .containsExactly("s-a1", "s-a2", "s-a1");
        assertThatThrownBy(() -> ZoneSpread.next(List.of(), List.of(), ZONE_OF, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
