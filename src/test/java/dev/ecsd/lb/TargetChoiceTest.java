package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.RuleAction.WeightedTargetGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TargetChoiceTest {
    record Candidate(String name, boolean draining, boolean healthy) {
    }

    @Test
    void healthyTargetsTakeTheRequestsAndDrainingOnesNever() {
        List<Candidate> registered = List.of(new Candidate("a", false, true), new Candidate("b", false, false),
                new Candidate("c", true, true), new Candidate("d", false, true));

        assertThat(candidates(registered)).extracting(Candidate::name).containsExactly("a", "d");
    }

    @Test
    void withNoHealthyTargetItFailsOpenToEveryTargetThatIsNotDraining() {
        List<Candidate> registered = List.of(new Candidate("initial", false, false),
                new Candidate("unhealthy", false, false), new Candidate("draining", true, false));

        assertThat(candidates(registered)).extracting(Candidate::name).containsExactly("initial", "unhealthy");
    }

    @Test
    void onlyDrainingTargetsLeaveNoCandidate() {
        assertThat(candidates(List.of(new Candidate("a", true, true)))).isEmpty();
        assertThat(candidates(List.of())).isEmpty();
    }

    @Test
    void roundRobinTakesEachInTurn() {
        List<String> targets = List.of("a", "b", "c");

        assertThat(IntStream.range(0, 6).mapToObj(ticket -> TargetChoice.roundRobin(targets, ticket)))
                .containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(TargetChoice.roundRobin(targets, Long.MAX_VALUE)).isIn(targets);
    }

    @Test
    void leastOutstandingTakesTheLeastBusyAndSharesTiesInTurn() {
        Map<String, Integer> load = new HashMap<>(Map.of("a", 3, "b", 1, "c", 1));
        List<String> targets = List.of("a", "b", "c");

        assertThat(TargetChoice.leastOutstanding(targets, load::get, 0)).isEqualTo("b");
        assertThat(TargetChoice.leastOutstanding(targets, load::get, 2)).isEqualTo("c");
        load.put("a", 0);
        assertThat(TargetChoice.leastOutstanding(targets, load::get, 1)).isEqualTo("a");
    }

    @Test
    void weightsShareRequestsAndAZeroWeightGetsNone() {
        List<WeightedTargetGroup> groups = List.of(new WeightedTargetGroup("blue", 80),
                new WeightedTargetGroup("none", 0), new WeightedTargetGroup("green", 20));
        int total = TargetChoice.totalWeight(groups);

        Map<String, Long> counts = IntStream.range(0, total)
                .mapToObj(draw -> TargetChoice.weightedGroup(groups, draw).orElseThrow())
                .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.stream.Collectors.counting()));

        assertThat(total).isEqualTo(100);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("blue", 80L, "green", 20L));
    }

    @Test
    void allWeightsZeroIsNoGroup() {
        List<WeightedTargetGroup> groups = List.of(new WeightedTargetGroup("a", 0), new WeightedTargetGroup("b", 0));

        assertThat(TargetChoice.totalWeight(groups)).isZero();
        assertThat(TargetChoice.weightedGroup(groups, 0)).isEmpty();
    }

    private static List<Candidate> candidates(List<Candidate> registered) {
        return TargetChoice.candidates(registered, Candidate::draining, Candidate::healthy);
    }
}
