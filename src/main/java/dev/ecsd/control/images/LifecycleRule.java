package dev.ecsd.control.images;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One rule of an ECR lifecycle policy: which images it selects (tagStatus and tag prefixes or patterns) and which of
 * those it expires (countType, countNumber; countUnit is always days, the only unit ECR has).
 */
public record LifecycleRule(int rulePriority, String description, TagStatus tagStatus, List<String> tagPrefixList,
        List<String> tagPatternList, CountType countType, int countNumber) {

    /** Which images a rule looks at, in ECR's spelling. */
    public enum TagStatus {
        TAGGED("tagged"), UNTAGGED("untagged"), ANY("any");

        private final String wire;

        TagStatus(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** How a rule picks the images to expire among those it selects, in ECR's spelling. */
    public enum CountType {
        IMAGE_COUNT_MORE_THAN("imageCountMoreThan"), SINCE_IMAGE_PUSHED("sinceImagePushed");

        private final String wire;

        CountType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public LifecycleRule {
        tagPrefixList = List.copyOf(tagPrefixList);
        tagPatternList = List.copyOf(tagPatternList);
    }

    /**
     * Whether the image meets this rule's tagging requirements. ECR's evaluation rules: with tagPrefixList "an image is
     * successfully matched if all of the tags in the tagPrefixList value are matched against any of the image's tags";
     * tagPatternList likewise ("If you specify multiple tags, only the images with all specified tags are selected"),
     * each pattern matching a whole tag with '*' standing for any characters.
     */
    public boolean selects(LifecycleImage image) {
        return switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> !image.tagged();
            case TAGGED -> image.tagged()
                    && tagPrefixList.stream().allMatch(p -> image.tags().stream().anyMatch(t -> t.startsWith(p)))
                    && tagPatternList.stream().allMatch(p -> image.tags().stream().anyMatch(t -> wildcardMatch(p, t)));
        };
    }

    /** sinceImagePushed: ECR expires "all images whose pushed_at_time is older than the specified number of days". */
    boolean olderThanLimit(LifecycleImage image, Instant now) {
        return image.pushedAt().isBefore(now.minus(Duration.ofDays(countNumber)));
    }

    /** A glob where '*' matches any run of characters (also none) and every other character matches itself. */
    static boolean wildcardMatch(String pattern, String text) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(text);
        }
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (!text.startsWith(first) || text.length() < first.length() + last.length()) {
            return false;
        }
        int at = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = text.indexOf(parts[i], at);
            if (found < 0 || found + parts[i].length() > end) {
                return false;
            }
            at = found + parts[i].length();
        }
        return text.endsWith(last);
    }
}
