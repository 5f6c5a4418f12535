package dev.ecsd.api.cloudwatch;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;

/** CloudWatch's errors in its own words: parameters are named by their Query path, as CloudWatch names them. */
final class CloudWatchErrors {
    private CloudWatchErrors() {
    }

    static ApiException invalidValue(String parameter, Object value) {
        return ErrorType.INVALID_PARAMETER_VALUE.exception(
                "The value " + value + " for parameter " + parameter + " is invalid.");
    }

    static ApiException invalid(String message) {
        return ErrorType.INVALID_PARAMETER_VALUE.exception(message);
    }

    static ApiException missing(String parameter) {
        return ErrorType.MISSING_REQUIRED_PARAMETER.exception("The parameter " + parameter + " is required.");
    }

    static ApiException combination(String message) {
        return ErrorType.INVALID_PARAMETER_COMBINATION.exception(message);
    }

    static ApiException tooMany(String collection, int limit) {
        return ErrorType.INVALID_PARAMETER_VALUE.exception(
                "The collection " + collection + " must not have a size greater than " + limit + ".");
    }

    static ApiException invalidNextToken() {
        return ErrorType.CLOUDWATCH_INVALID_NEXT_TOKEN.exception("The service couldn't process your request because the "
                + "NextToken was invalid or expired.");
    }

    static void require(Object value, String parameter) {
        if (value == null) {
            throw missing(parameter);
        }
    }
}
