package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelIndexTest {
    private final LabelIndex<String> index = new LabelIndex<>();
    private final List<String> all = List.of("a", "b", "c");

    LabelIndexTest() {
        index.add(Map.of("task", "t1", "host", "h"), "a");
        index.add(Map.of("task", "t2", "host", "h"), "b");
        index.add(Map.of("task", "t2", "host", "h", "name", "web"), "c");
    }

    @Test
    void theCandidatesAreThoseOfTheRarestLabelInTheOrderTheyWereAdded() {
        assertThat(index.candidates(Map.of("host", "h", "task", "t2"), all)).containsExactly("b", "c");
        assertThat(index.candidates(Map.of("host", "h", "name", "web"), all)).containsExactly("c");
        assertThat(index.candidates(Map.of("host", "h"), all)).containsExactly("a", "b", "c");
    }

    @Test
    void aLabelNoValueCarriesFindsNothingAndNoLabelsFindEverything() {
        assertThat(index.candidates(Map.of("host", "h", "task", "t9"), all)).isEmpty();
        assertThat(index.candidates(Map.of("task", "h"), all)).isEmpty();
        assertThat(index.candidates(Map.of(), all)).isSameAs(all);
    }

    @Test
    void aLabelOnMoreThanCommonValuesSelectsNothingButTheRarerLabelsStillDo() {
        LabelIndex<Integer> many = new LabelIndex<>();
        List<Integer> every = new ArrayList<>();
        for (int i = 0; i <= LabelIndex.COMMON + 10; i++) {
            many.add(Map.of("host", "h", "task", "t" + i / 2), i);
            every.add(i);
        }

        assertThat(many.candidates(Map.of("host", "h"), every)).isSameAs(every);
        assertThat(many.candidates(Map.of("host", "h", "task", "t7"), every)).containsExactly(14, 15);
        assertThat(many.candidates(Map.of("host", "h", "task", "t999"), every)).isEmpty();
    }

    @Test
    void aRemovedValueIsNoLongerACandidate() {
        index.remove(Map.of("task", "t1", "host", "h"), "a");
        index.remove(Map.of("task", "t2", "host", "h", "name", "web"), "c");

        assertThat(index.candidates(Map.of("task", "t1"), all)).isEmpty();
        assertThat(index.candidates(Map.of("name", "web"), all)).isEmpty();
        assertThat(index.candidates(Map.of("host", "h"), all)).containsExactly("b");
    }
}
