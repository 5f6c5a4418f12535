package dev.ecsd.api.secretsmanager;

import dev.ecsd.api.Pages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/** Secret values: GetSecretValue, PutSecretValue, BatchGetSecretValue, ListSecretVersionIds. */
final class SecretValues {
    static final int MAX_BATCH = 20;
    static final int MAX_VERSION_LIST = 100;

    private final StateStore store;
    private final ValueCipher cipher;
    private final Supplier<String> versionIds;

    SecretValues(StateStore store, ValueCipher cipher, Supplier<String> versionIds) {
        this.store = store;
        this.cipher = cipher;
        this.versionIds = versionIds;
    }

    GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        SecretRequests.checkVersionId(request.versionId(), "versionId");
        Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(store.snapshot(),
                request.secretId()));
        SecretVersion version = select(secret, request.versionId(), request.versionStage());
        SecretValueEntry entry = entry(secret, version);
        GetSecretValueResponse answer = GetSecretValueResponse.builder().arn(entry.arn()).name(entry.name())
                .versionId(entry.versionId()).secretString(entry.secretString()).secretBinary(entry.secretBinary())
                .versionStages(entry.versionStages()).createdDate(entry.createdDate()).build();
        recordAccess(secret.arn(), version.versionId());
        return answer;
    }

    /** The version a VersionId and/or VersionStage names; AWSCURRENT when neither is given. */
    static SecretVersion select(Secret secret, String versionId, String versionStage) {
        if (versionId != null) {
            SecretVersion version = secret.version(versionId).orElseThrow(() -> new ApiException(
                    ErrorType.RESOURCE_NOT_FOUND, "Secrets Manager can't find the specified secret value for "
                            + "VersionId: " + versionId));
            if (versionStage != null && !version.hasStage(versionStage)) {
                throw new ApiException(ErrorType.RESOURCE_NOT_FOUND, "Secrets Manager can't find the specified "
                        + "secret value for VersionId: " + versionId + " and staging label: " + versionStage);
            }
            return version;
        }
        String stage = versionStage == null ? SecretVersion.CURRENT : versionStage;
        return secret.versionWithStage(stage).orElseThrow(() -> new ApiException(ErrorType.RESOURCE_NOT_FOUND,
                "Secrets Manager can't find the specified secret value for staging label: " + stage));
    }

    private SecretValueEntry entry(Secret secret, SecretVersion version) {
        SecretValue value = SecretValue.open(cipher, secret, version);
        return SecretValueEntry.builder()
                .arn(secret.arn())
                .name(secret.name())
                .versionId(version.versionId())
                .secretString(value.binary() ? null : value.text())
                .secretBinary(value.binary() ? value.sdkBytes() : null)
                .versionStages(version.stages())
                .createdDate(version.createdDate())
                .build();
    }

    /** Secrets Manager keeps the day a secret and a version were last read: one write per day, not per read. */
    private void recordAccess(String arn, String versionId) {
        Instant day = store.now().truncatedTo(ChronoUnit.DAYS);
        Snapshot state = store.snapshot();
        Secret seen = state.find(Kind.SECRET, arn).orElse(null);
        if (seen != null && day.equals(seen.lastAccessedDate())
                && seen.version(versionId).map(v -> day.equals(v.lastAccessedDate())).orElse(true)) {
            return;
        }
        store.write(tx -> {
            tx.find(Kind.SECRET, arn).ifPresent(secret -> {
                Secret accessed = secret.accessedOn(day);
                accessed = secret.version(versionId).map(v -> v.accessedOn(day)).map(accessed::withVersion)
                        .orElse(accessed);
                tx.put(Kind.SECRET, accessed);
            });
            return null;
        });
    }

    PutSecretValueResponse putSecretValue(PutSecretValueRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        SecretRequests.checkToken(request.clientRequestToken());
        SecretValue value = SecretValue.of(request.secretString(), request.secretBinary());
        if (value == null) {
            throw SecretRequests.invalidParameter("You must provide either SecretString or SecretBinary.");
        }
        List<String> stages = request.hasVersionStages() ? List.copyOf(request.versionStages())
                : List.of(SecretVersion.CURRENT);
        checkStages(stages);
        String token = request.clientRequestToken() == null ? versionIds.get() : request.clientRequestToken();
        return store.write(tx -> {
            Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(tx.state(),
                    request.secretId()));
            SecretVersion repeated = secret.version(token).orElse(null);
            if (repeated != null) {
                checkSameValue(cipher, secret, repeated, value);
                return put(secret, repeated);
            }
            Instant now = SecretOperations.now(tx.now());
            Secret updated = SecretStages.withNewVersion(secret,
                    value.seal(cipher, secret.arn(), token, stages, now), now);
            tx.put(Kind.SECRET, updated);
            return put(updated, updated.version(token).orElseThrow());
        });
    }

    private static PutSecretValueResponse put(Secret secret, SecretVersion version) {
        return PutSecretValueResponse.builder().arn(secret.arn()).name(secret.name()).versionId(version.versionId())
                .versionStages(version.stages()).build();
    }

    static void checkStages(List<String> stages) {
        if (stages.isEmpty() || stages.size() > SecretStages.MAX_STAGES) {
            throw SecretRequests.validation("versionStages", "Member must have length between 1 and "
                    + SecretStages.MAX_STAGES);
        }
        for (String stage : stages) {
            if (stage == null || stage.isEmpty() || stage.length() > 256) {
                throw SecretRequests.validation("versionStages", "Member must have length between 1 and 256");
            }
        }
    }

    /** A repeated ClientRequestToken is answered as before only with the same value: a version never changes. */
    static void checkSameValue(ValueCipher cipher, Secret secret, SecretVersion version, SecretValue value) {
        if (!value.sameAs(SecretValue.open(cipher, secret, version))) {
            throw new ApiException(ErrorType.RESOURCE_EXISTS,
                    "You can't modify an existing version, you can only create a new version.");
        }
    }

    BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
        boolean byIds = request.hasSecretIdList();
        boolean byFilters = request.hasFilters();
        if (byIds == byFilters) {
            throw SecretRequests.invalidParameter(byIds ? "You can't use both SecretIdList and Filters in the same "
                    + "request." : "You must provide either SecretIdList or Filters.");
        }
        Snapshot state = store.snapshot();
        List<SecretValueEntry> values = new ArrayList<>();
        List<APIErrorType> errors = new ArrayList<>();
        String nextToken = null;
        if (byIds) {
            if (request.maxResults() != null || request.nextToken() != null) {
                throw SecretRequests.invalidParameter("MaxResults and NextToken can be used only with Filters.");
            }
            if (request.secretIdList().isEmpty() || request.secretIdList().size() > MAX_BATCH) {
                throw SecretRequests.validation("secretIdList", "Member must have length between 1 and "
                        + MAX_BATCH);
            }
            for (String secretId : request.secretIdList()) {
                try {
                    SecretRequests.checkSecretId(secretId);
                    Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(state, secretId));
                    SecretVersion version = select(secret, null, null);
                    values.add(entry(secret, version));
                    recordAccess(secret.arn(), version.versionId());
                } catch (ApiException e) {
                    errors.add(APIErrorType.builder().secretId(secretId).errorCode(e.type().code())
                            .message(e.getMessage()).build());
                }
            }
        } else {
            List<Secret> matching = SecretListing.matching(state, request.filters(), false);
            Pages.Page<Secret> page = SecretPages.page(matching,
                    secret -> SecretPages.timeKey(secret.createdDate(), secret.arn()), Comparator.naturalOrder(),
                    request.maxResults(), MAX_BATCH, request.nextToken());
            for (Secret secret : page.items()) {
                secret.versionWithStage(SecretVersion.CURRENT).ifPresentOrElse(version -> {
                    values.add(entry(secret, version));
                    recordAccess(secret.arn(), version.versionId());
                }, () -> errors.add(APIErrorType.builder().secretId(secret.arn())
                        .errorCode(ErrorType.RESOURCE_NOT_FOUND.code()).message("Secrets Manager can't find the "
                                + "specified secret value for staging label: " + SecretVersion.CURRENT).build()));
            }
            nextToken = page.nextToken();
        }
        return BatchGetSecretValueResponse.builder().secretValues(values).errors(errors).nextToken(nextToken)
                .build();
    }

    ListSecretVersionIdsResponse listSecretVersionIds(ListSecretVersionIdsRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        Secret secret = SecretLookup.find(store.snapshot(), request.secretId());
        boolean deprecated = Boolean.TRUE.equals(request.includeDeprecated());
        List<SecretVersion> versions = secret.versions().stream()
                .filter(v -> deprecated || !v.stages().isEmpty())
                .sorted(Comparator.comparing(SecretValues::key, Comparator.reverseOrder())).toList();
        Pages.Page<SecretVersion> page = SecretPages.page(versions, SecretValues::key, Comparator.reverseOrder(),
                request.maxResults(), MAX_VERSION_LIST, request.nextToken());
        return ListSecretVersionIdsResponse.builder().arn(secret.arn()).name(secret.name())
                .versions(page.items().stream().map(SecretMapper::versionEntry).toList())
                .nextToken(page.nextToken()).build();
    }

    private static String key(SecretVersion version) {
        return SecretPages.timeKey(version.createdDate(), version.versionId());
    }
}
