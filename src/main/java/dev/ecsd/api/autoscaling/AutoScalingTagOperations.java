package dev.ecsd.api.autoscaling;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceResponse;

/** Tags of scalable targets, by their ARN: TagResource, UntagResource, ListTagsForResource. */
final class AutoScalingTagOperations {
    static final int MAX_TAGS = 50;

    private final StateStore store;

    AutoScalingTagOperations(StateStore store) {
        this.store = store;
    }

    TagResourceResponse tagResource(TagResourceRequest request) {
        AutoScalingRequests.required(request.resourceARN(), "resourceARN");
        Map<String, String> tags = AutoScalingRequests.required(request.hasTags() ? request.tags() : null, "tags");
        store.write(tx -> {
            ScalableTarget target = target(tx.state(), request.resourceARN());
            Map<String, String> merged = new HashMap<>(target.tags());
            merged.putAll(checkTags(tags, target.tags()));
            return tx.put(Kind.SCALABLE_TARGET, target.withTags(merged));
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(UntagResourceRequest request) {
        AutoScalingRequests.required(request.resourceARN(), "resourceARN");
        AutoScalingRequests.required(request.hasTagKeys() ? request.tagKeys() : null, "tagKeys");
        store.write(tx -> {
            ScalableTarget target = target(tx.state(), request.resourceARN());
            Map<String, String> remaining = new HashMap<>(target.tags());
            request.tagKeys().forEach(remaining::remove);
            return tx.put(Kind.SCALABLE_TARGET, target.withTags(remaining));
        });
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        AutoScalingRequests.required(request.resourceARN(), "resourceARN");
        return ListTagsForResourceResponse.builder()
                .tags(target(store.snapshot(), request.resourceARN()).tags()).build();
    }

    private static ScalableTarget target(Snapshot state, String arn) {
        if (!arn.startsWith("arn:") || !arn.contains(":scalable-target/")) {
            throw AutoScalingRequests.validation("Invalid ResourceARN " + arn + ": tags are kept on scalable "
                    + "targets, arn:aws:application-autoscaling:<region>:<account>:scalable-target/<id>.");
        }
        return state.all(Kind.SCALABLE_TARGET).filter(t -> t.scalableTargetArn().equals(arn)).findFirst()
                .orElseThrow(() -> new ApiException(ErrorType.RESOURCE_NOT_FOUND,
                        "No scalable target found for ARN " + arn));
    }

    /** Checks tags to be added to a resource that has {@code existing} ones; answers them. */
    static Map<String, String> checkTags(Map<String, String> tags, Map<String, String> existing) {
        if (tags == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
                throw AutoScalingRequests.constraint(tag.getKey(), "tags",
                        "Map keys must have length between 1 and 128");
            }
            if (tag.getKey().startsWith("aws:")) {
                throw AutoScalingRequests.validation("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw AutoScalingRequests.constraint(tag.getValue(), "tags." + tag.getKey(),
                        "Member must have length less than or equal to 256");
            }
        }
        Map<String, String> merged = new HashMap<>(existing);
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new ApiException(ErrorType.TOO_MANY_TAGS_EXCEPTION, "A scalable target can have at most "
                    + MAX_TAGS + " tags; this request would give it " + merged.size() + ".");
        }
        return tags;
    }
}
