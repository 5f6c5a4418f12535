package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.console.LineDiff.Kind;
import dev.ecsd.console.LineDiff.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void theSameTextsAreAllContext() {
        List<Line> diff = LineDiff.of("a\nb\nc\n", "a\nb\nc\n");

        assertThat(diff).extracting(Line::kind).containsOnly(Kind.SAME).hasSize(3);
        assertThat(LineDiff.changed(diff)).isFalse();
    }

    @Test
    void aChangedLineIsTheOldRemovedThenTheNewAdded() {
        List<Line> diff = LineDiff.of("{\n  \"cpu\": \"256\",\n  \"memory\": \"512\"\n}",
                "{\n  \"cpu\": \"512\",\n  \"memory\": \"512\"\n}");

        assertThat(diff).extracting(Line::kind, Line::text, Line::oldNumber, Line::newNumber).containsExactly(
                tuple(Kind.SAME, "{", 1, 1),
                tuple(Kind.REMOVED, "  \"cpu\": \"256\",", 2, 0),
                tuple(Kind.ADDED, "  \"cpu\": \"512\",", 0, 2),
                tuple(Kind.SAME, "  \"memory\": \"512\"", 3, 3),
                tuple(Kind.SAME, "}", 4, 4));
        assertThat(LineDiff.changed(diff)).isTrue();
    }

    @Test
    void insertionsAndDeletionsInTheMiddleKeepTheLongestCommonPart() {
        List<Line> diff = LineDiff.of(List.of("a", "b", "c", "d", "e"), List.of("a", "c", "x", "d", "e", "f"));

        assertThat(diff).extracting(line -> line.kind().mark() + line.text())
                .containsExactly(" a", "-b", " c", "+x", " d", " e", "+f");
        assertThat(diff).filteredOn(line -> line.kind() == Kind.SAME).extracting(Line::newNumber)
                .containsExactly(1, 2, 4, 5);
    }

    @Test
    void oneSideEmptyIsAllAddedOrAllRemoved() {
        assertThat(LineDiff.of("", "a\nb")).extracting(Line::kind).containsExactly(Kind.ADDED, Kind.ADDED);
        assertThat(LineDiff.of("a\nb", null)).extracting(Line::kind).containsExactly(Kind.REMOVED, Kind.REMOVED);
        assertThat(LineDiff.of("", "")).isEmpty();
    }

    @Test
    void everyLineOfBothTextsAppearsOnceInOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> older = randomLines(random);
            List<String> newer = randomLines(random);

            List<Line> diff = LineDiff.of(older, newer);

            assertThat(diff.stream().filter(l -> l.kind() != Kind.ADDED).map(Line::text).toList()).isEqualTo(older);
            assertThat(diff.stream().filter(l -> l.kind() != Kind.REMOVED).map(Line::text).toList()).isEqualTo(newer);
            assertThat(diff.stream().filter(l -> l.kind() == Kind.SAME).count())
                    .as("the common lines are a longest common subsequence").isEqualTo(lcs(older, newer));
        }
    }

    @Test
    void aPairTooBigForTheTableIsShownAsReplacedWhole() {
        List<String> older = new ArrayList<>();
        List<String> newer = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            older.add("old " + i);
            newer.add("new " + i);
        }
        older.add("same end");
        newer.add("same end");

        List<Line> diff = LineDiff.of(older, newer);

        assertThat(diff).hasSize(5_001);
        assertThat(diff.getFirst().kind()).isEqualTo(Kind.REMOVED);
        assertThat(diff.get(2_500).kind()).isEqualTo(Kind.ADDED);
        assertThat(diff.getLast()).isEqualTo(new Line(Kind.SAME, "same end", 2_501, 2_501));
    }

    private static List<String> randomLines(Random random) {
        List<String> lines = new ArrayList<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            lines.add(String.valueOf((char) ('a' + random.nextInt(4))));
        }
        return lines;
    }

    /** The length of a longest common subsequence, by the textbook recursion's table. */
    private static int lcs(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                table[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.size()][b.size()];
    }
}
