package dev.ecsd.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * An answer of the distribution API's error form, {@code {"errors":[{"code":...,"message":...}]}}: Docker prints
 * the code's description and the message ("name unknown: The repository ...").
 */
public record RegistryError(int status, String code, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static RegistryError unauthorized(String message) {
        return new RegistryError(401, "UNAUTHORIZED", message);
    }

    static RegistryError denied(String message) {
        return new RegistryError(403, "DENIED", message);
    }

    /** ECR's answer for a repository that does not exist. */
    static RegistryError nameUnknown(String name, String accountId) {
        return new RegistryError(404, "NAME_UNKNOWN", "The repository with name '" + name
                + "' does not exist in the registry with id '" + accountId + "'");
    }

    /** ECR's answer for a tag of an IMMUTABLE repository pushed again; the message is the image side's. */
    static RegistryError tagInvalid(String message) {
        return new RegistryError(400, "TAG_INVALID", message);
    }

    static RegistryError unavailable(String message) {
        return new RegistryError(503, "UNAVAILABLE", message);
    }

    byte[] body() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        return (root.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
