package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.secrets.ValueCipher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A secret value in the clear, only while a request is answered: a SecretString or a SecretBinary. It never goes
 * into a record, a message or a log line; {@link #toString} says nothing of it.
 */
record SecretValue(byte[] bytes, boolean binary) {

    /** The value a request carries, or null when it carries none; both at once are refused as AWS does. */
    static SecretValue of(String secretString, SdkBytes secretBinary) {
        if (secretString != null && secretBinary != null) {
            throw SecretRequests.invalidParameter("You can't specify both a binary secret value and a string secret "
                    + "value in the same secret.");
        }
        if (secretString != null) {
            if (secretString.length() > SecretRequests.MAX_STRING_VALUE) {
                throw SecretRequests.validation("secretString", "Member must have length less than or equal to "
                        + SecretRequests.MAX_STRING_VALUE);
            }
            return new SecretValue(secretString.getBytes(StandardCharsets.UTF_8), false);
        }
        if (secretBinary != null) {
            if (secretBinary.asByteArrayUnsafe().length > SecretRequests.MAX_STRING_VALUE) {
                throw SecretRequests.validation("secretBinary", "Member must have length less than or equal to "
                        + SecretRequests.MAX_STRING_VALUE);
            }
            return new SecretValue(secretBinary.asByteArray(), true);
        }
        return null;
    }

    /** Opens a version's value; under another key than the one it was sealed with, as AWS says of a wrong KMS key. */
    static SecretValue open(ValueCipher cipher, Secret secret, SecretVersion version) {
        try {
            return new SecretValue(cipher.open(version.sealedValue(), Secret.sealingOwner(secret.arn(),
                    version.versionId())), version.binary());
        } catch (IllegalStateException e) {
            throw new ApiException(ErrorType.DECRYPTION_FAILURE, "Secrets Manager can't decrypt the protected secret "
                    + "text using the provided KMS key. (ecsd: the value was sealed under another secrets key than "
                    + "this server's --secrets-key or <data-dir>/secrets.key.)");
        }
    }

    /** A new version of {@code arn} holding this value, sealed. */
    SecretVersion seal(ValueCipher cipher, String arn, String versionId, List<String> stages, Instant created) {
        return new SecretVersion(versionId, stages, created, cipher.seal(bytes, Secret.sealingOwner(arn, versionId)),
                binary, null);
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    SdkBytes sdkBytes() {
        return SdkBytes.fromByteArray(bytes);
    }

    boolean sameAs(SecretValue other) {
        return other != null && binary == other.binary && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue value && sameAs(value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return binary ? "SecretValue[binary, hidden]" : "SecretValue[string, hidden]";
    }
}
