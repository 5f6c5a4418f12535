package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.List;

/** ELBv2's errors in its own words: the constraint messages of its validator, and its not-found answers. */
final class ElbErrors {
    private ElbErrors() {
    }

    static ApiException validation(String message) {
        return new ApiException(ErrorType.VALIDATION_ERROR, message);
    }

    static ApiException invalidConfiguration(String message) {
        return new ApiException(ErrorType.INVALID_CONFIGURATION_REQUEST, message);
    }

    static ApiException invalidAction(String message) {
        return new ApiException(ErrorType.INVALID_LOAD_BALANCER_ACTION, message);
    }

    static ApiException notPermitted(String message) {
        return new ApiException(ErrorType.OPERATION_NOT_PERMITTED, message);
    }

    static ApiException unsupportedProtocol(String message) {
        return new ApiException(ErrorType.UNSUPPORTED_PROTOCOL, message);
    }

    static ApiException loadBalancerNotFound() {
        return new ApiException(ErrorType.LOAD_BALANCER_NOT_FOUND, "One or more load balancers not found");
    }

    static ApiException targetGroupNotFound() {
        return new ApiException(ErrorType.TARGET_GROUP_NOT_FOUND, "One or more target groups not found");
    }

    static ApiException listenerNotFound() {
        return new ApiException(ErrorType.LISTENER_NOT_FOUND, "One or more listeners not found");
    }

    static ApiException ruleNotFound() {
        return new ApiException(ErrorType.RULE_NOT_FOUND, "One or more rules not found");
    }

    /** Checks a number against its bounds, answering as ELBv2's request validator does. */
    static int range(String member, Integer value, int min, int max) {
        if (value == null) {
            throw validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (value < min) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return value;
    }

    /** Checks a string's length, answering as ELBv2's request validator does. */
    static String maxLength(String member, String value, int max) {
        if (value != null && value.length() > max) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        return value;
    }

    /** Checks that a value is one of an enum's, which the SDK lets through as a plain string. */
    static String oneOf(String member, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy enum value set: ["
                    + String.join(", ", allowed) + "]");
        }
        return value;
    }
}
