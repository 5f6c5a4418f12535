package dev.ecsd.lb;

import java.util.ArrayList;
import java.util.List;

/** ALB's HttpCode matcher: codes and ranges separated by commas ({@code 200}, {@code 200,202}, {@code 200-299}). */
public final class SuccessCodes {
    private record Range(int from, int to) {
    }

    private final List<Range> ranges;

    private SuccessCodes(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** A matcher that cannot be read falls back to ALB's default, 200. */
    public static SuccessCodes parse(String matcher) {
        List<Range> ranges = new ArrayList<>();
        if (matcher != null) {
            for (String part : matcher.split(",")) {
                String trimmed = part.trim();
                try {
                    int dash = trimmed.indexOf('-');
                    if (dash > 0) {
                        ranges.add(new Range(Integer.parseInt(trimmed.substring(0, dash).trim()),
                                Integer.parseInt(trimmed.substring(dash + 1).trim())));
                    } else if (!trimmed.isEmpty()) {
                        int code = Integer.parseInt(trimmed);
                        ranges.add(new Range(code, code));
                    }
                } catch (NumberFormatException e) {
                    // skipped: the rest of the matcher still counts
                }
            }
        }
        return new SuccessCodes(ranges.isEmpty() ? List.of(new Range(200, 200)) : List.copyOf(ranges));
    }

    public boolean matches(int statusCode) {
        for (Range range : ranges) {
            if (statusCode >= range.from() && statusCode <= range.to()) {
                return true;
            }
        }
        return false;
    }
}
