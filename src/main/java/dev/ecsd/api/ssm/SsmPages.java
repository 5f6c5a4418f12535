package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * SSM's paging: a NextToken that resumes after the last item returned, by a key that orders the items; a token
 * this server did not hand out is InvalidNextToken.
 */
final class SsmPages {
    private static final String PREFIX = "ssm1:";

    private SsmPages() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> sorted, Function<T, String> key, int limit, String nextToken) {
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new ApiException(ErrorType.SSM_INVALID_NEXT_TOKEN, "The specified token is not valid.");
    }
}
