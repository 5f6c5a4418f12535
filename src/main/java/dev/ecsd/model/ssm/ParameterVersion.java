package dev.ecsd.model.ssm;

import java.time.Instant;
import java.util.List;

/**
 * One version of an SSM parameter, as PutParameter wrote it. {@code value} is plain text for String and StringList,
 * and for SecureString the value sealed by the server's value cipher (never the plaintext).
 */
public record ParameterVersion(
        long version,
        String type,
        String value,
        String keyId,
        String description,
        String allowedPattern,
        String tier,
        String dataType,
        List<String> labels,
        Instant lastModifiedDate,
        String lastModifiedUser) {
    public static final String STRING = "String";
    public static final String STRING_LIST = "StringList";
    public static final String SECURE_STRING = "SecureString";

    public ParameterVersion {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public boolean secure() {
        return SECURE_STRING.equals(type);
    }

    public ParameterVersion withLabels(List<String> newLabels) {
        return new ParameterVersion(version, type, value, keyId, description, allowedPattern, tier, dataType,
                newLabels, lastModifiedDate, lastModifiedUser);
    }
}
