package dev.ecsd.api.autoscaling;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Application Auto Scaling's paging: MaxResults from 1 to 50 (default 50), and a NextToken that resumes after the
 * last item returned; items come sorted by a key that orders them. Errors as the service gives them.
 */
final class AutoScalingPages {
    static final int MAX = 50;

    private AutoScalingPages() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> sorted, Function<T, String> key, Integer maxResults, String nextToken) {
        int limit = maxResults == null ? MAX : maxResults;
        if (limit < 1 || limit > MAX) {
            throw AutoScalingRequests.constraint(String.valueOf(limit), "maxResults",
                    "Member must have value between 1 and " + MAX);
        }
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            String after = decode(nextToken);
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = List.copyOf(sorted.subList(start, end));
        String next = end < sorted.size() ? encode(key.apply(items.getLast())) : null;
        return new Page<>(items, next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("aas1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("aas1:")) {
                return decoded.substring(5);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new ApiException(ErrorType.INVALID_NEXT_TOKEN, "Invalid token: " + token);
    }
}
