package dev.ecsd.logs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Quoted;

/** Refusals of a request member's value, worded as CloudWatch Logs words its validation errors. */
public final class Constraints {
    private Constraints() {
    }

    public static ApiException violation(Object value, String member, String constraint) {
        return ApiException.invalidParameter("1 validation error detected: Value '"
                + Quoted.of(String.valueOf(value)) + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    /** A request's limit, or its default when it has none, checked to lie between 1 and {@code max}. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1) {
            throw violation(requested, "limit", "Member must have value greater than or equal to 1");
        }
        if (requested > max) {
            throw violation(requested, "limit", "Member must have value less than or equal to " + max);
        }
        return requested;
    }
}
