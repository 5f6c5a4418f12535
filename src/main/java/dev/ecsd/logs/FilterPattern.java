package dev.ecsd.logs;

import dev.ecsd.model.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A CloudWatch Logs filter pattern of terms, the kind that matches unstructured text: an event matches when it
 * contains every plain term, none of the {@code -term}s and, if there are {@code ?term}s, at least one of them.
 * A term is a word or a {@code "quoted phrase"}; matching is by substring and case-sensitive, as in CloudWatch.
 * JSON ({@code { $.x = 1 }}), space-delimited ({@code [a, b]}) and regular-expression patterns are refused.
 */
public record FilterPattern(List<String> required, List<String> anyOf, List<String> excluded) {
    public static final FilterPattern ALL = new FilterPattern(List.of(), List.of(), List.of());
    /** CloudWatch Logs' bound on a filter pattern; it also bounds the terms a query has to evaluate. */
    public static final int MAX_LENGTH = 1024;

    public FilterPattern {
        // A term given twice adds nothing but work: each becomes one more condition of the store's query.
        required = List.copyOf(new LinkedHashSet<>(required));
        anyOf = List.copyOf(new LinkedHashSet<>(anyOf));
        excluded = List.copyOf(new LinkedHashSet<>(excluded));
    }

    public static FilterPattern parse(String pattern) {
        if (pattern != null && pattern.length() > MAX_LENGTH) {
            throw Constraints.violation(pattern.substring(0, 64) + "...", "filterPattern",
                    "Member must have length less than or equal to " + MAX_LENGTH);
        }
        if (pattern == null || pattern.isBlank() || pattern.strip().equals("\"\"")) {
            return ALL;
        }
        String text = pattern.strip();
        char first = text.charAt(0);
        if (first == '{' || first == '[' || first == '%') {
            throw ApiException.invalidParameter("Invalid filter pattern '" + pattern + "': ecsd supports term patterns "
                    + "(words, \"quoted phrases\", ?alternatives and -exclusions), not JSON, space-delimited or "
                    + "regular-expression patterns.");
        }
        List<String> required = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            List<String> target = required;
            char c = text.charAt(i);
            if ((c == '?' || c == '-') && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
                target = c == '?' ? anyOf : excluded;
                i++;
            }
            int end;
            String term;
            if (text.charAt(i) == '"') {
                end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw ApiException.invalidParameter("Invalid filter pattern '" + pattern
                            + "': a quoted phrase is not closed.");
                }
                term = text.substring(i + 1, end);
                end++;
            } else {
                end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(i, end);
            }
            if (!term.isEmpty()) {
                target.add(term);
            }
            i = end;
        }
        return new FilterPattern(required, anyOf, excluded);
    }

    public boolean matchesEverything() {
        return required.isEmpty() && anyOf.isEmpty() && excluded.isEmpty();
    }
}
