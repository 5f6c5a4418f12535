package dev.ecsd.control.images;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies a lifecycle policy to a repository's images: the images it expires, each with the rule that expires it.
 * GetLifecyclePolicyPreview answers exactly this list, and the server deletes exactly these images.
 *
 * <p>ECR's lifecycle policy evaluation rules
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html#lp_evaluation_rules):
 * <ul>
 *   <li>"An image is expired by exactly one or zero rules."
 *   <li>"An image that matches the tagging requirements of a rule cannot be expired by a rule with a lower priority."
 *   <li>"Rules can never mark images that are marked by higher priority rules, but can still identify them as if they
 *       haven't been expired." So a later rule counts the images an earlier rule selected (they take up places among
 *       the newest countNumber) but never expires them: in the documented "Filtering on all images", example B, the
 *       last rule (any, keep 1) keeps untagged image E, which the untagged rule selected, and so expires D.
 *   <li>"With countType = imageCountMoreThan, images are sorted from youngest to oldest based on pushed_at_time and
 *       then all images greater than the specified count are expired."
 *   <li>"With countType = sinceImagePushed, all images whose pushed_at_time is older than the specified number of days
 *       based on countNumber are expired."
 *   <li>"Expiration is always ordered by pushed_at_time, and always expires older images before newer ones": the
 *       answer lists the oldest first.
 * </ul>
 */
public final class LifecycleEvaluation {
    /** Youngest first; images pushed in the same instant fall back to the digest so the answer is deterministic. */
    private static final Comparator<LifecycleImage> YOUNGEST_FIRST = Comparator
            .comparing(LifecycleImage::pushedAt).reversed().thenComparing(LifecycleImage::digest);

    private LifecycleEvaluation() {}

    public static List<LifecycleExpiry> evaluate(LifecyclePolicy policy, List<LifecycleImage> images, Instant now) {
        // Digests that met the tagging requirements of a rule already applied: no later rule may expire them.
        Set<String> claimed = new HashSet<>();
        List<LifecycleExpiry> expired = new ArrayList<>();
        for (LifecycleRule rule : policy.rulesInPriorityOrder()) {
            List<LifecycleImage> selected = images.stream().filter(rule::selects).sorted(YOUNGEST_FIRST).toList();
            Stream<LifecycleImage> marked = switch (rule.countType()) {
                case IMAGE_COUNT_MORE_THAN -> selected.stream().skip(rule.countNumber());
                case SINCE_IMAGE_PUSHED -> selected.stream().filter(image -> rule.olderThanLimit(image, now));
            };
            marked.filter(image -> !claimed.contains(image.digest()))
                    .forEach(image -> expired.add(LifecycleExpiry.of(image, rule.rulePriority())));
            selected.forEach(image -> claimed.add(image.digest()));
        }
        return expired.stream()
                .sorted(Comparator.comparing(LifecycleExpiry::pushedAt).thenComparing(LifecycleExpiry::digest))
                .toList();
    }
}
