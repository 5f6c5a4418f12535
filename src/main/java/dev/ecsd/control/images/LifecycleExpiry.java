package dev.ecsd.control.images;

import java.time.Instant;
import java.util.List;

/**
 * One image a lifecycle policy expires and the rule that expires it: a GetLifecyclePolicyPreview result (action
 * EXPIRE) and what the server deletes when it applies the policy.
 */
public record LifecycleExpiry(String digest, List<String> tags, Instant pushedAt, int appliedRulePriority) {
    public LifecycleExpiry {
        tags = List.copyOf(tags);
    }

    static LifecycleExpiry of(LifecycleImage image, int appliedRulePriority) {
        return new LifecycleExpiry(image.digest(), image.tags(), image.pushedAt(), appliedRulePriority);
    }
}
