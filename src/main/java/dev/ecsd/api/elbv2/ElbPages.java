package dev.ecsd.api.elbv2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * ELBv2's pagination: at most {@code PageSize} (1–400) items, and an opaque {@code NextMarker} that resumes after
 * the last item returned. Items come in a stable order; the marker holds the position of the next one.
 */
final class ElbPages {
    static final int MAX_PAGE_SIZE = 400;
    private static final String PREFIX = "elb1:";

    private ElbPages() {
    }

    /** One page of items and the marker of the next one, or null when there is none. */
    record Page<T>(List<T> items, String nextMarker) {
    }

    /** A page of {@code items}, which must be in a stable order; {@code key} names an item in the marker. */
    static <T> Page<T> page(List<T> items, Function<T, String> key, Integer pageSize, String marker) {
        int size = pageSize == null ? MAX_PAGE_SIZE : ElbErrors.range("pageSize", pageSize, 1, MAX_PAGE_SIZE);
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            String after = decode(marker);
            while (start < items.size() && !key.apply(items.get(start)).equals(after)) {
                start++;
            }
            if (start == items.size()) {
                // The item the marker points at is gone: resume where it would have been, by key order.
                start = 0;
                while (start < items.size() && key.apply(items.get(start)).compareTo(after) < 0) {
                    start++;
                }
            }
        }
        int end = Math.min(items.size(), start + size);
        String next = end < items.size() ? encode(key.apply(items.get(end))) : null;
        return new Page<>(List.copyOf(items.subList(start, end)), next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ElbErrors.validation("The marker '" + marker + "' is not valid: it was not returned by a previous call");
    }
}
