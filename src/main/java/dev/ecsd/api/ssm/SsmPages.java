package dev.ecsd.api.ssm;

import dev.ecsd.api.Pages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** SSM's paging: a NextToken that resumes after the last item returned; one this server did not hand out is InvalidNextToken. */
final class SsmPages {
    private SsmPages() {
    }

    static <T> Pages.Page<T> page(List<T> sorted, Function<T, String> key, int limit, String nextToken) {
        return Pages.page(sorted, key, Comparator.naturalOrder(), limit, nextToken,
                () -> new ApiException(ErrorType.SSM_INVALID_NEXT_TOKEN, "The specified token is not valid."));
    }
}
