package dev.ecsd.api;

import dev.ecsd.model.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pagination as the AWS List APIs do it: at most {@code maxResults} items and an opaque {@code nextToken}
 * that resumes after the last item returned. Items must come in a stable order of their keys.
 */
public final class Pages {
    private Pages() {
    }

    /** One page of results and the token for the next one, or null when there is none. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    public static <T> Page<T> page(List<T> sortedItems, Function<T, String> key, Integer maxResults, int defaultMax,
            int upperBound, String nextToken) {
        return page(sortedItems, key, Comparator.naturalOrder(), maxResults, defaultMax, upperBound, nextToken);
    }

    /** As {@link #page(List, Function, Integer, int, int, String)}, for items sorted by {@code order} of their keys. */
    public static <T> Page<T> page(List<T> sortedItems, Function<T, String> key, Comparator<String> order,
            Integer maxResults, int defaultMax, int upperBound, String nextToken) {
        int limit = maxResults == null ? defaultMax : maxResults;
        if (limit < 1 || limit > upperBound) {
            throw ApiException.invalidParameter("maxResults must be between 1 and " + upperBound + ", not " + limit + ".");
        }
        return page(sortedItems, key, order, limit, nextToken,
                () -> ApiException.invalidParameter("Invalid nextToken: it was not returned by a previous call."));
    }

    /**
     * The {@code limit} items after the key {@code nextToken} names, for a service that checks its own limits: a
     * token no call of this server returned is answered with {@code invalidToken}, the service's own error.
     */
    public static <T> Page<T> page(List<T> sortedItems, Function<T, String> key, Comparator<String> order, int limit,
            String nextToken, Supplier<ApiException> invalidToken) {
        String after = nextToken == null || nextToken.isEmpty() ? null : decode(nextToken, invalidToken);
        int start = 0;
        if (after != null) {
            while (start < sortedItems.size() && order.compare(key.apply(sortedItems.get(start)), after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sortedItems.size(), start + limit);
        List<T> items = List.copyOf(sortedItems.subList(start, end));
        String next = end < sortedItems.size() && !items.isEmpty() ? encode(key.apply(items.getLast())) : null;
        return new Page<>(items, next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, Supplier<ApiException> invalidToken) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("v1:")) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw invalidToken.get();
    }
}
