package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.Collection;

/** What SSM requests are checked for before they reach a parameter, with SSM's error types and wording. */
final class SsmRequests {
    private SsmRequests() {
    }

    static ApiException validation(String message) {
        return new ApiException(ErrorType.VALIDATION, message);
    }

    /** AWS's wording for one member failing a constraint; {@code value} is null when it must not be echoed. */
    static ApiException constraint(String value, String member, String constraint) {
        return validation("1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'")
                + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    static String required(String value, String member) {
        if (value == null) {
            throw constraint(null, member, "Member must not be null");
        }
        if (value.isEmpty()) {
            throw constraint("", member, "Member must have length greater than or equal to 1");
        }
        return value;
    }

    static <T extends Collection<?>> T requiredList(T values, boolean given, String member) {
        if (!given || values == null) {
            throw constraint(null, member, "Member must not be null");
        }
        return values;
    }

    static void maxLength(String value, int max, String member) {
        if (value != null && value.length() > max) {
            throw constraint(value, member, "Member must have length less than or equal to " + max);
        }
    }

    static int maxResults(Integer maxResults, int defaultValue, int max) {
        if (maxResults == null) {
            return defaultValue;
        }
        if (maxResults < 1) {
            throw constraint(String.valueOf(maxResults), "maxResults",
                    "Member must have value greater than or equal to 1");
        }
        if (maxResults > max) {
            throw constraint(String.valueOf(maxResults), "maxResults",
                    "Member must have value less than or equal to " + max);
        }
        return maxResults;
    }
}
