package dev.ecsd.api.secretsmanager;

import dev.ecsd.api.Pages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Secrets Manager's paging: MaxResults within the operation's bound, and InvalidNextTokenException for a bad token. */
final class SecretPages {
    private SecretPages() {
    }

    static <T> Pages.Page<T> page(List<T> sorted, Function<T, String> key, Comparator<String> order,
            Integer maxResults, int upperBound, String nextToken) {
        if (maxResults != null && (maxResults < 1 || maxResults > upperBound)) {
            throw SecretRequests.validation("maxResults", "Member must have value between 1 and " + upperBound);
        }
        return Pages.page(sorted, key, order, maxResults == null ? upperBound : maxResults, nextToken,
                () -> new ApiException(ErrorType.INVALID_NEXT_TOKEN, "The NextToken value is invalid."));
    }

    /** A key that orders items by a time and then by an id, as text. */
    static String timeKey(Instant time, String id) {
        return String.format("%020d %s", time.toEpochMilli(), id);
    }
}
