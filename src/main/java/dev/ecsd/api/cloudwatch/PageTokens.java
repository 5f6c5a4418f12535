package dev.ecsd.api.cloudwatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken of ListMetrics and GetMetricData: an opaque position (how many items earlier pages returned), marked
 * with the operation it belongs to so that a token of one is refused by the other.
 */
final class PageTokens {
    private PageTokens() {
    }

    static String token(String operation, long offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((operation + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token names: 0 for none; InvalidNextToken for one this operation did not hand out. */
    static long offset(String operation, String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(operation + ":")) {
                throw CloudWatchErrors.invalidNextToken();
            }
            long offset = Long.parseLong(text.substring(operation.length() + 1));
            if (offset < 0) {
                throw CloudWatchErrors.invalidNextToken();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.invalidNextToken();
        }
    }
}
