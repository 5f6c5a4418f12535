package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretResponse;

/** The life of a secret: CreateSecret, UpdateSecret, DescribeSecret, DeleteSecret, RestoreSecret. */
final class SecretOperations {
    static final int DEFAULT_RECOVERY_DAYS = 30;
    private static final String SUFFIX_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final StateStore store;
    private final ValueCipher cipher;
    private final Arns arns;
    private final RandomGenerator random;
    private final Supplier<String> versionIds;

    SecretOperations(StateStore store, ValueCipher cipher, Arns arns, RandomGenerator random,
            Supplier<String> versionIds) {
        this.store = store;
        this.cipher = cipher;
        this.arns = arns;
        this.random = random;
        this.versionIds = versionIds;
    }

    CreateSecretResponse createSecret(CreateSecretRequest request) {
        SecretRequests.checkName(request.name());
        SecretRequests.checkDescription(request.description());
        SecretRequests.checkToken(request.clientRequestToken());
        Map<String, String> tags = SecretTags.checked(request.hasTags() ? request.tags() : List.of(), Map.of());
        if (request.hasAddReplicaRegions() && !request.addReplicaRegions().isEmpty()) {
            throw SecretRequests.invalidRequest("ecsd does not replicate secrets to other regions: create the secret "
                    + "without AddReplicaRegions.");
        }
        SecretValue value = SecretValue.of(request.secretString(), request.secretBinary());
        String token = request.clientRequestToken() == null ? versionIds.get() : request.clientRequestToken();
        return store.write(tx -> {
            Secret existing = SecretLookup.byName(tx.state(), request.name()).orElse(null);
            if (existing != null) {
                if (existing.scheduledForDeletion()) {
                    throw SecretRequests.invalidRequest("You can't create this secret because a secret with this "
                            + "name is already scheduled for deletion.");
                }
                SecretVersion repeated = existing.version(token).orElse(null);
                if (repeated != null && value != null && value.sameAs(SecretValue.open(cipher, existing, repeated))) {
                    return created(existing, token);
                }
                throw new ApiException(ErrorType.RESOURCE_EXISTS,
                        "The operation failed because the secret " + request.name() + " already exists.");
            }
            Instant now = now(tx.now());
            String arn = "arn:" + Arns.PARTITION + ":secretsmanager:" + arns.region() + ":" + arns.accountId()
                    + SecretLookup.ARN_SECRET + request.name() + "-" + suffix();
            List<SecretVersion> versions = value == null ? List.of()
                    : List.of(value.seal(cipher, arn, token, List.of(SecretVersion.CURRENT), now));
            Secret secret = new Secret(arn, request.name(), request.description(), request.kmsKeyId(), tags, now,
                    now, null, null, null, versions);
            tx.put(Kind.SECRET, secret);
            return created(secret, value == null ? null : token);
        });
    }

    private static CreateSecretResponse created(Secret secret, String versionId) {
        return CreateSecretResponse.builder().arn(secret.arn()).name(secret.name()).versionId(versionId).build();
    }

    UpdateSecretResponse updateSecret(UpdateSecretRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        SecretRequests.checkDescription(request.description());
        SecretRequests.checkToken(request.clientRequestToken());
        SecretValue value = SecretValue.of(request.secretString(), request.secretBinary());
        String token = request.clientRequestToken() == null ? versionIds.get() : request.clientRequestToken();
        return store.write(tx -> {
            Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(tx.state(), request.secretId()));
            Instant now = now(tx.now());
            Secret updated = secret;
            if (request.description() != null || request.kmsKeyId() != null) {
                updated = updated.withDetails(
                        request.description() != null ? request.description() : secret.description(),
                        request.kmsKeyId() != null ? request.kmsKeyId() : secret.kmsKeyId(), now);
            }
            String versionId = null;
            if (value != null) {
                SecretVersion repeated = secret.version(token).orElse(null);
                if (repeated != null) {
                    SecretValues.checkSameValue(cipher, secret, repeated, value);
                } else {
                    updated = SecretStages.withNewVersion(updated,
                            value.seal(cipher, secret.arn(), token, List.of(SecretVersion.CURRENT), now), now);
                }
                versionId = token;
            }
            tx.put(Kind.SECRET, updated);
            return UpdateSecretResponse.builder().arn(secret.arn()).name(secret.name()).versionId(versionId).build();
        });
    }

    DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        return SecretMapper.describe(SecretLookup.find(store.snapshot(), request.secretId()));
    }

    DeleteSecretResponse deleteSecret(DeleteSecretRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        boolean force = Boolean.TRUE.equals(request.forceDeleteWithoutRecovery());
        if (force && request.recoveryWindowInDays() != null) {
            throw SecretRequests.invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with "
                    + "RecoveryWindowInDays.");
        }
        long days = request.recoveryWindowInDays() == null ? DEFAULT_RECOVERY_DAYS : request.recoveryWindowInDays();
        if (days < 7 || days > 30) {
            throw SecretRequests.invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days "
                    + "(inclusive).");
        }
        return store.write(tx -> {
            Secret secret = SecretLookup.find(tx.state(), request.secretId());
            Instant now = now(tx.now());
            if (force) {
                tx.delete(Kind.SECRET, secret.arn());
                return deleted(secret, now);
            }
            if (secret.scheduledForDeletion()) {
                throw SecretRequests.invalidRequest(SecretRequests.MARKED_FOR_DELETION);
            }
            Secret scheduled = secret.scheduledForDeletion(now, now.plus(Duration.ofDays(days)));
            tx.put(Kind.SECRET, scheduled);
            return deleted(secret, scheduled.deletionDate());
        });
    }

    private static DeleteSecretResponse deleted(Secret secret, Instant deletionDate) {
        return DeleteSecretResponse.builder().arn(secret.arn()).name(secret.name()).deletionDate(deletionDate).build();
    }

    RestoreSecretResponse restoreSecret(RestoreSecretRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        return store.write(tx -> {
            Secret secret = SecretLookup.find(tx.state(), request.secretId());
            if (secret.scheduledForDeletion()) {
                tx.put(Kind.SECRET, secret.restored(now(tx.now())));
            }
            return RestoreSecretResponse.builder().arn(secret.arn()).name(secret.name()).build();
        });
    }

    /** AWS's six random characters after the name, so a secret re-created under a name has a new ARN. */
    private String suffix() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_CHARACTERS.charAt(random.nextInt(SUFFIX_CHARACTERS.length())));
        }
        return suffix.toString();
    }

    /** Times are kept to the millisecond, as the wire carries them. */
    static Instant now(Instant now) {
        return now.truncatedTo(ChronoUnit.MILLIS);
    }
}
