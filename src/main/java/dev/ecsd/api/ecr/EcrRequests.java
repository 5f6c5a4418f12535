package dev.ecsd.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsd.control.images.LifecyclePolicy;
import dev.ecsd.control.images.LifecyclePolicyException;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.Quoted;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * ECR's checks of request members and its errors, in its words. Where ECR documents no message ours follows the form
 * of its validation messages ({@code Invalid parameter at '<member>' failed to satisfy constraint: '...'}).
 */
final class EcrRequests {
    static final Pattern REPOSITORY_NAME =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");
    static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}");
    static final int MIN_LIFECYCLE_POLICY = 100;
    static final int MAX_LIFECYCLE_POLICY = 30720;

    private EcrRequests() {
    }

    static ApiException invalidParameter(String member, String constraint) {
        return ApiException.invalidParameter("Invalid parameter at '" + member + "' failed to satisfy constraint: '"
                + constraint + "'");
    }

    static void checkRepositoryName(String name) {
        if (name == null) {
            throw invalidParameter("repositoryName", "Member must not be null");
        }
        if (name.length() < 2 || name.length() > 256) {
            throw invalidParameter("repositoryName", "Member must have length between 2 and 256");
        }
        if (!REPOSITORY_NAME.matcher(name).matches()) {
            throw invalidParameter("repositoryName", "must satisfy regular expression '" + REPOSITORY_NAME + "'");
        }
    }

    /** A registry id names the account: this server's, or another that has nothing in it. */
    static void checkRegistryId(String registryId) {
        if (registryId != null && !REGISTRY_ID.matcher(registryId).matches()) {
            throw invalidParameter("registryId", "must satisfy regular expression '[0-9]{12}'");
        }
    }

    static void checkImageTag(String member, String tag) {
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw invalidParameter(member, "must satisfy regular expression '" + TAG + "'");
        }
    }

    static int maxResults(Integer maxResults) {
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw invalidParameter("maxResults", "Member must have value between 1 and 1000");
        }
        return maxResults == null ? 100 : maxResults;
    }

    static ApiException invalidNextToken() {
        return invalidParameter("nextToken", "Invalid NextToken");
    }

    /** A policy's text, which must be a JSON object (policies are kept, not enforced). */
    static JsonNode jsonPolicy(String member, String text, String invalid) {
        if (text == null) {
            throw invalidParameter(member, "Member must not be null");
        }
        try {
            JsonNode node = ModelJson.MAPPER.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            // answered below
        }
        throw invalidParameter(member, invalid);
    }

    /**
     * A lifecycle policy's text, parsed and checked as ECR checks it: InvalidParameterException in its words. ECR
     * documents its length (100 to 30720 characters), not the message for a text outside it: that one is ours.
     */
    static LifecyclePolicy lifecyclePolicy(String text) {
        if (text != null && (text.length() < MIN_LIFECYCLE_POLICY || text.length() > MAX_LIFECYCLE_POLICY)) {
            throw invalidParameter("lifecyclePolicyText", "Member must have length between " + MIN_LIFECYCLE_POLICY
                    + " and " + MAX_LIFECYCLE_POLICY);
        }
        try {
            return LifecyclePolicy.parse(text);
        } catch (LifecyclePolicyException e) {
            throw ApiException.invalidParameter(e.getMessage());
        }
    }

    static ApiException repositoryAlreadyExists(String name, String registryId) {
        return new ApiException(ErrorType.REPOSITORY_ALREADY_EXISTS, "The repository with name '" + name
                + "' already exists in the registry with id '" + registryId + "'");
    }

    static ApiException repositoryNotEmpty(String name, String registryId) {
        return new ApiException(ErrorType.REPOSITORY_NOT_EMPTY, "The repository with name '" + name
                + "' in registry with id '" + registryId + "' cannot be deleted because it still contains images");
    }

    static ApiException imageNotFound(String digest, String tag, String name, String registryId) {
        return new ApiException(ErrorType.IMAGE_NOT_FOUND, "The image with imageId {imageDigest:'" + digest
                + "', imageTag:'" + (tag == null ? "null" : Quoted.of(tag)) + "'} does not exist within the repository"
                + " with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static ApiException repositoryPolicyNotFound(String name, String registryId) {
        return new ApiException(ErrorType.REPOSITORY_POLICY_NOT_FOUND, "Repository policy does not exist for the "
                + "repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static ApiException lifecyclePolicyNotFound(String name, String registryId) {
        return new ApiException(ErrorType.LIFECYCLE_POLICY_NOT_FOUND, "Lifecycle policy does not exist for the "
                + "repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }
}
