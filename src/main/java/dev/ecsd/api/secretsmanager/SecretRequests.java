package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.secrets.Secret;
import java.util.regex.Pattern;

/** Secrets Manager's checks of request members and its error answers, with the service's own wording. */
final class SecretRequests {
    static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";
    static final String MARKED_FOR_DELETION =
            "You can't perform this operation on the secret because it was marked for deletion.";
    static final int MAX_NAME = 512;
    static final int MAX_SECRET_ID = 2048;
    static final int MAX_DESCRIPTION = 2048;
    static final int MAX_STRING_VALUE = 65536;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{32,64}");

    private SecretRequests() {
    }

    static ApiException invalidParameter(String message) {
        return new ApiException(ErrorType.INVALID_PARAMETER, message);
    }

    static ApiException invalidRequest(String message) {
        return new ApiException(ErrorType.INVALID_REQUEST, message);
    }

    static ApiException notFound() {
        return new ApiException(ErrorType.RESOURCE_NOT_FOUND, NOT_FOUND);
    }

    /** A constraint failure as the service's request validation words it. */
    static ApiException validation(String member, String constraint) {
        return new ApiException(ErrorType.VALIDATION,
                "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    static String required(String value, String member) {
        if (value == null) {
            throw validation(member, "Member must not be null");
        }
        return value;
    }

    static void checkName(String name) {
        required(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw validation("name", "Member must have length between 1 and " + MAX_NAME);
        }
        if (!NAME.matcher(name).matches()) {
            throw invalidParameter("Invalid name. Must be a valid name containing alphanumeric characters, or any of "
                    + "the following: -/_+=.@!");
        }
    }

    static void checkSecretId(String secretId) {
        required(secretId, "secretId");
        if (secretId.isEmpty() || secretId.length() > MAX_SECRET_ID) {
            throw validation("secretId", "Member must have length between 1 and " + MAX_SECRET_ID);
        }
    }

    static void checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw validation("description", "Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
    }

    /** A ClientRequestToken as the service accepts it: 32 to 64 letters, digits and hyphens. */
    static void checkToken(String token) {
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw validation("clientRequestToken", "Member must have length between 32 and 64");
        }
    }

    static void checkVersionId(String versionId, String member) {
        if (versionId != null && (versionId.length() < 32 || versionId.length() > 64)) {
            throw validation(member, "Member must have length between 32 and 64");
        }
    }

    /** Refuses any change to a secret whose deletion is scheduled. */
    static Secret notScheduledForDeletion(Secret secret) {
        if (secret.scheduledForDeletion()) {
            throw invalidRequest(MARKED_FOR_DELETION);
        }
        return secret;
    }
}
