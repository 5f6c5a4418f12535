package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.secrets.Secret;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceResponse;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceResponse;

/** A secret's tags: TagResource, UntagResource, and the checks CreateSecret's tags go through too. */
final class SecretTags {
    static final int MAX_TAGS = 50;

    private final StateStore store;

    SecretTags(StateStore store) {
        this.store = store;
    }

    TagResourceResponse tagResource(TagResourceRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        if (!request.hasTags()) {
            throw SecretRequests.validation("tags", "Member must not be null");
        }
        store.write(tx -> {
            Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(tx.state(),
                    request.secretId()));
            Map<String, String> merged = checked(request.tags(), secret.tags());
            return tx.put(Kind.SECRET, secret.withTags(merged, SecretOperations.now(tx.now())));
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(UntagResourceRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        if (!request.hasTagKeys()) {
            throw SecretRequests.validation("tagKeys", "Member must not be null");
        }
        store.write(tx -> {
            Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(tx.state(),
                    request.secretId()));
            Map<String, String> remaining = new HashMap<>(secret.tags());
            request.tagKeys().forEach(remaining::remove);
            return tx.put(Kind.SECRET, secret.withTags(remaining, SecretOperations.now(tx.now())));
        });
        return UntagResourceResponse.builder().build();
    }

    /** {@code existing} with {@code tags} added, after the service's checks on each tag and on their number. */
    static Map<String, String> checked(List<Tag> tags, Map<String, String> existing) {
        Map<String, String> merged = new HashMap<>(existing);
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw SecretRequests.invalidParameter("Invalid tag key. A tag key must be 1 to 128 characters long.");
            }
            if (tag.key().startsWith("aws:")) {
                throw SecretRequests.invalidParameter("Invalid tag key. The aws: prefix is reserved for AWS use.");
            }
            String value = tag.value() == null ? "" : tag.value();
            if (value.length() > 256) {
                throw SecretRequests.invalidParameter("Invalid tag value. A tag value can be at most 256 characters "
                        + "long.");
            }
            merged.put(tag.key(), value);
        }
        if (merged.size() > MAX_TAGS) {
            throw SecretRequests.invalidParameter("Number of tags exceeds the limit of " + MAX_TAGS
                    + " tags per secret.");
        }
        return merged;
    }
}
