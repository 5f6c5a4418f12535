package dev.ecsd.api.ssm;

import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.model.ssm.ParameterVersion;
import dev.ecsd.secrets.ValueCipher;
import java.util.List;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;

/**
 * Parameters as SSM answers them. A SecureString value leaves the server in plaintext only when the request asked
 * for decryption; otherwise its sealed form stands in for it, as SSM answers with the KMS ciphertext.
 */
final class ParameterViews {
    private final ValueCipher cipher;

    ParameterViews(ValueCipher cipher) {
        this.cipher = cipher;
    }

    /** The owner a SecureString value is sealed for: its parameter's ARN and version. */
    static String owner(String arn, long version) {
        return Parameter.sealingOwner(arn, version);
    }

    String seal(String arn, long version, String plaintext) {
        return cipher.seal(plaintext, owner(arn, version));
    }

    /** The value of a version as answered: opened only for SecureString with decryption asked for. */
    String value(Parameter parameter, ParameterVersion version, boolean withDecryption) {
        if (!version.secure() || !withDecryption) {
            return version.value();
        }
        return cipher.openText(version.value(), owner(parameter.arn(), version.version()));
    }

    software.amazon.awssdk.services.ssm.model.Parameter parameter(Parameter parameter, ParameterVersion version,
            String selector, boolean withDecryption) {
        return software.amazon.awssdk.services.ssm.model.Parameter.builder()
                .name(parameter.name())
                .type(version.type())
                .value(value(parameter, version, withDecryption))
                .version(version.version())
                .selector(selector == null ? null : ":" + selector)
                .lastModifiedDate(version.lastModifiedDate())
                .arn(parameter.arn())
                .dataType(version.dataType())
                .build();
    }

    ParameterHistory history(Parameter parameter, ParameterVersion version, boolean withDecryption) {
        return ParameterHistory.builder()
                .name(parameter.name())
                .type(version.type())
                .keyId(version.keyId())
                .lastModifiedDate(version.lastModifiedDate())
                .lastModifiedUser(version.lastModifiedUser())
                .description(version.description())
                .value(value(parameter, version, withDecryption))
                .allowedPattern(version.allowedPattern())
                .version(version.version())
                .labels(version.labels())
                .tier(version.tier())
                .policies(List.of())
                .dataType(version.dataType())
                .build();
    }

    /** What DescribeParameters says of a parameter: its latest version, without a value. */
    static ParameterMetadata metadata(Parameter parameter) {
        ParameterVersion latest = parameter.latest();
        return ParameterMetadata.builder()
                .name(parameter.name())
                .arn(parameter.arn())
                .type(latest.type())
                .keyId(latest.keyId())
                .lastModifiedDate(latest.lastModifiedDate())
                .lastModifiedUser(latest.lastModifiedUser())
                .description(latest.description())
                .allowedPattern(latest.allowedPattern())
                .version(latest.version())
                .tier(latest.tier())
                .policies(List.of())
                .dataType(latest.dataType())
                .build();
    }
}
