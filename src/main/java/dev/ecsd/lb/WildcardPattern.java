package dev.ecsd.lb;

import java.util.Locale;

/**
 * One of ALB's condition patterns: {@code *} matches any run of characters (none included), {@code ?} exactly
 * one, everything else itself. Matched by hand rather than as a regular expression so that a pattern's other
 * characters never mean anything and a pathological pattern cannot take exponential time.
 */
public final class WildcardPattern {
    private final String pattern;
    private final boolean ignoreCase;

    private WildcardPattern(String pattern, boolean ignoreCase) {
        this.pattern = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        this.ignoreCase = ignoreCase;
    }

    public static WildcardPattern caseSensitive(String pattern) {
        return new WildcardPattern(pattern, false);
    }

    public static WildcardPattern caseInsensitive(String pattern) {
        return new WildcardPattern(pattern, true);
    }

    /**
     * Greedy matching with one backtrack point (the last {@code *} seen): linear in practice, and at worst the
     * product of the two lengths.
     */
    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        int textIndex = 0;
        int patternIndex = 0;
        int starIndex = -1;
        int textAfterStar = 0;
        while (textIndex < text.length()) {
            if (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
                starIndex = patternIndex++;
                textAfterStar = textIndex;
            } else if (patternIndex < pattern.length()
                    && (pattern.charAt(patternIndex) == '?' || same(pattern.charAt(patternIndex), text.charAt(textIndex)))) {
                patternIndex++;
                textIndex++;
            } else if (starIndex >= 0) {
                patternIndex = starIndex + 1;
                textIndex = ++textAfterStar;
            } else {
                return false;
            }
        }
        while (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
            patternIndex++;
        }
        return patternIndex == pattern.length();
    }

    private boolean same(char fromPattern, char fromText) {
        return fromPattern == fromText || ignoreCase && fromPattern == Character.toLowerCase(fromText);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
