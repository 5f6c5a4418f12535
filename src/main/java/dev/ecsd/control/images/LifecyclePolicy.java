package dev.ecsd.control.images;

import java.util.Comparator;
import java.util.List;

/** An ECR lifecycle policy: its rules, validated as PutLifecyclePolicy and GetLifecyclePolicyPreview validate them. */
public record LifecyclePolicy(List<LifecycleRule> rules) {
    public LifecyclePolicy {
        rules = List.copyOf(rules);
    }

    /**
     * Parses and validates a lifecyclePolicyText.
     *
     * @throws LifecyclePolicyException with ECR's message when ECR would refuse the text
     */
    public static LifecyclePolicy parse(String text) {
        return LifecyclePolicyParser.parse(text);
    }

    /** The rules in the order they are applied: lowest rulePriority first. */
    public List<LifecycleRule> rulesInPriorityOrder() {
        return rules.stream().sorted(Comparator.comparingInt(LifecycleRule::rulePriority)).toList();
    }
}
