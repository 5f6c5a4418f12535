package dev.ecsd.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.CapacityProviderStrategyItem;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityAssignmentTest {
    private static final CapacityProviderStrategyItem FARGATE = new CapacityProviderStrategyItem("FARGATE", 1, 0);
    private static final CapacityProviderStrategyItem SPOT = new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0);

    @Test
    void equalWeightsAlternate() {
        List<String> assigned = CapacityAssignment.assign(List.of(FARGATE, SPOT), Map.of(), 4);
        assertThat(Collections.frequency(assigned, "FARGATE")).isEqualTo(2);
        assertThat(Collections.frequency(assigned, "FARGATE_SPOT")).isEqualTo(2);
    }

    @Test
    void theBaseIsFilledFirstThenTheWeightsSplitTheRest() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("FARGATE", 1, 2),
                new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 0));
        List<String> assigned = CapacityAssignment.assign(strategy, Map.of(), 6);
        assertThat(assigned.subList(0, 2)).containsOnly("FARGATE");
        assertThat(Collections.frequency(assigned.subList(2, 6), "FARGATE_SPOT")).isEqualTo(3);
        assertThat(Collections.frequency(assigned.subList(2, 6), "FARGATE")).isEqualTo(1);
    }

    @Test
    void existingTasksCountTowardTheSplit() {
        List<String> assigned = CapacityAssignment.assign(List.of(FARGATE, SPOT), Map.of("FARGATE", 3), 3);
        assertThat(assigned).containsOnly("FARGATE_SPOT");
    }

    @Test
    void aZeroWeightProviderGetsOnlyItsBase() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("FARGATE", 0, 1), SPOT);
        List<String> assigned = CapacityAssignment.assign(strategy, Map.of(), 5);
        assertThat(Collections.frequency(assigned, "FARGATE")).isEqualTo(1);
        assertThat(Collections.frequency(assigned, "FARGATE_SPOT")).isEqualTo(4);
    }

    @Test
    void isDeterministic() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("FARGATE", 2, 1), SPOT);
        assertThat(CapacityAssignment.assign(strategy, Map.of(), 10))
                .isEqualTo(CapacityAssignment.assign(strategy, Map.of(), 10));
    }
}
