package dev.ecsd.api.autoscaling;

import dev.ecsd.api.Pages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.Comparator;
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

    static <T> Pages.Page<T> page(List<T> sorted, Function<T, String> key, Integer maxResults, String nextToken) {
        int limit = maxResults == null ? MAX : maxResults;
        if (limit < 1 || limit > MAX) {
            throw AutoScalingRequests.constraint(String.valueOf(limit), "maxResults",
                    "Member must have value between 1 and " + MAX);
        }
        return Pages.page(sorted, key, Comparator.naturalOrder(), limit, nextToken,
                () -> new ApiException(ErrorType.INVALID_NEXT_TOKEN, "Invalid token: " + nextToken));
    }
}
