package dev.ecsd.control.images;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One image of a repository as a lifecycle policy sees it: digest, tags (none when untagged) and push time. */
public record LifecycleImage(String digest, List<String> tags, Instant pushedAt) {
    public LifecycleImage {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(pushedAt, "pushedAt");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean tagged() {
        return !tags.isEmpty();
    }
}
