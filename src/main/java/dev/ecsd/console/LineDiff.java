package dev.ecsd.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line diff of two texts by their longest common subsequence of lines: what a reader of two revisions' JSON wants
 * to see, the lines removed from the first and those added in the second, with the rest as context.
 */
public final class LineDiff {
    /**
     * Beyond this many cells the table of common lengths is not built: the lines that differ are shown as all
     * removed and all added. Task definitions are a few hundred lines; this keeps a pathological pair cheap.
     */
    static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    /** What happened to a line. */
    public enum Kind {
        SAME, REMOVED, ADDED;

        /** The mark a line of this kind carries, as diff writes it. */
        public String mark() {
            return switch (this) {
                case SAME -> " ";
                case REMOVED -> "-";
                case ADDED -> "+";
            };
        }

        public String css() {
            return switch (this) {
                case SAME -> "same";
                case REMOVED -> "del";
                case ADDED -> "add";
            };
        }
    }

    /** One line of the diff: its kind, its text, and its number in the old and in the new text (0 when absent). */
    public record Line(Kind kind, String text, int oldNumber, int newNumber) {
    }

    /** The diff of two texts, split into lines. */
    public static List<Line> of(String oldText, String newText) {
        return of(lines(oldText), lines(newText));
    }

    /** The diff of two lists of lines: every line of both, in order, each once. */
    public static List<Line> of(List<String> older, List<String> newer) {
        int prefix = 0;
        while (prefix < older.size() && prefix < newer.size() && older.get(prefix).equals(newer.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < older.size() - prefix && suffix < newer.size() - prefix
                && older.get(older.size() - 1 - suffix).equals(newer.get(newer.size() - 1 - suffix))) {
            suffix++;
        }
        List<Line> diff = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            diff.add(new Line(Kind.SAME, older.get(i), i + 1, i + 1));
        }
        middle(older.subList(prefix, older.size() - suffix), newer.subList(prefix, newer.size() - suffix),
                prefix, diff);
        for (int i = suffix; i > 0; i--) {
            int o = older.size() - i;
            int n = newer.size() - i;
            diff.add(new Line(Kind.SAME, older.get(o), o + 1, n + 1));
        }
        return List.copyOf(diff);
    }

    /** Whether the diff has any change. */
    public static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(line -> line.kind() != Kind.SAME);
    }

    private static void middle(List<String> older, List<String> newer, int offset, List<Line> diff) {
        int n = older.size();
        int m = newer.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                diff.add(new Line(Kind.REMOVED, older.get(i), offset + i + 1, 0));
            }
            for (int j = 0; j < m; j++) {
                diff.add(new Line(Kind.ADDED, newer.get(j), 0, offset + j + 1));
            }
            return;
        }
        // common[i][j]: the length of the longest common subsequence of older[i..] and newer[j..]
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = older.get(i).equals(newer.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && older.get(i).equals(newer.get(j))) {
                diff.add(new Line(Kind.SAME, older.get(i), offset + i + 1, offset + j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // a changed line reads as diff writes it: the old one removed, then the new one added
                diff.add(new Line(Kind.REMOVED, older.get(i), offset + i + 1, 0));
                i++;
            } else {
                diff.add(new Line(Kind.ADDED, newer.get(j), 0, offset + j + 1));
                j++;
            }
        }
    }

    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
