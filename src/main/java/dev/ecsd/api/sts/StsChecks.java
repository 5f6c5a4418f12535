package dev.ecsd.api.sts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * STS's checks of a request, in its words: the model's constraints as a "validation error detected" list
 * naming each member with a lower-case initial, then the checks only the service makes.
 */
final class StsChecks {
    static final Duration MIN_DURATION = Duration.ofSeconds(900);
    static final Duration MAX_ROLE_DURATION = Duration.ofSeconds(43200);
    static final Duration DEFAULT_ROLE_DURATION = Duration.ofHours(1);
    /** What AWS allows a session assumed by a role's session (role chaining). */
    static final Duration MAX_CHAINED_DURATION = Duration.ofHours(1);
    static final Duration MAX_SESSION_TOKEN_DURATION = Duration.ofSeconds(129600);
    static final Duration DEFAULT_SESSION_TOKEN_DURATION = Duration.ofSeconds(43200);
    /** GetSessionToken for the account's root user: longer durations become one hour, without an error. */
    static final Duration MAX_ROOT_SESSION_DURATION = Duration.ofHours(1);
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    /** The size a packed session policy may have, against which PackedPolicySize is a percentage. */
    private static final int PACKED_POLICY_LIMIT = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> violations = new ArrayList<>();

    /** Collects the model's constraint violations of a string member. */
    StsChecks length(String member, String value, int min, int max) {
        if (value == null) {
            return this;
        }
        if (value.length() < min) {
            violations.add(violation(member, value, "Member must have length greater than or equal to " + min));
        }
        if (value.length() > max) {
            violations.add(violation(member, value, "Member must have length less than or equal to " + max));
        }
        return this;
    }

    StsChecks sessionName(String member, String value) {
        length(member, value, 2, 64);
        if (value != null && !SESSION_NAME.matcher(value).matches()) {
            violations.add(violation(member, value, "Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
        }
        return this;
    }

    StsChecks range(String member, Integer value, Duration min, Duration max) {
        if (value == null) {
            return this;
        }
        if (value < min.toSeconds()) {
            violations.add(violation(member, value.toString(),
                    "Member must have value greater than or equal to " + min.toSeconds()));
        }
        if (value > max.toSeconds()) {
            violations.add(violation(member, value.toString(),
                    "Member must have value less than or equal to " + max.toSeconds()));
        }
        return this;
    }

    /** Throws the collected violations as one ValidationError, as STS words it. */
    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ApiException(ErrorType.VALIDATION_ERROR, violations.size()
                    + (violations.size() == 1 ? " validation error" : " validation errors") + " detected: "
                    + String.join("; ", violations));
        }
    }

    /** An IAM role ARN, or STS's "… is invalid". */
    static void requireRoleArn(String roleArn) {
        if (!Identities.ROLE_ARN.matcher(roleArn).matches()) {
            throw new ApiException(ErrorType.VALIDATION_ERROR, roleArn + " is invalid");
        }
    }

    /**
     * The PackedPolicySize of a session policy: its size, compressed, as a percentage of what a session may carry.
     * The policy must be JSON; it is not evaluated.
     */
    static int packedPolicySize(String policy) {
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document == null || !document.isObject()) {
            throw new ApiException(ErrorType.MALFORMED_POLICY_DOCUMENT, "The policy is not in the valid JSON format.");
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(document.toString().getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            packed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Math.max(1, (int) Math.ceil(packed.size() * 100.0 / PACKED_POLICY_LIMIT));
    }

    private static String violation(String member, String value, String constraint) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
    }
}
