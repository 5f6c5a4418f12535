package dev.ecsd.model.ecr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An image of an ECR repository: one manifest, named by its digest, and the tags that name it now (none for an
 * untagged image). Keyed by repository and digest ({@link #key}).
 *
 * @param imageSizeInBytes the sum of the compressed sizes of its layers and config, as ECR reports it
 * @param artifactMediaType the media type of its config, as ECR reports it
 * @param imageManifest the manifest text, as pushed
 */
public record Image(
        String repositoryName,
        String imageDigest,
        List<String> imageTags,
        long imageSizeInBytes,
        Instant imagePushedAt,
        String imageManifestMediaType,
        String artifactMediaType,
        String imageManifest) {

    public Image {
        imageTags = List.copyOf(imageTags);
    }

    /** The store key of an image: its repository's name and its digest (a name holds no {@code @}). */
    public static String key(String repositoryName, String digest) {
        return repositoryName + "@" + digest;
    }

    public String key() {
        return key(repositoryName, imageDigest);
    }

    public boolean tagged() {
        return !imageTags.isEmpty();
    }

    public boolean hasTag(String tag) {
        return imageTags.contains(tag);
    }

    public Image withTag(String tag) {
        if (hasTag(tag)) {
            return this;
        }
        List<String> tags = new ArrayList<>(imageTags);
        tags.add(tag);
        return withTags(tags);
    }

    public Image withoutTag(String tag) {
        List<String> tags = new ArrayList<>(imageTags);
        tags.remove(tag);
        return withTags(tags);
    }

    private Image withTags(List<String> tags) {
        return new Image(repositoryName, imageDigest, tags, imageSizeInBytes, imagePushedAt, imageManifestMediaType,
                artifactMediaType, imageManifest);
    }
}
