package dev.ecsd.control.images;

import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The images of a repository as ECR keeps them: found by tag or digest, recorded when a manifest is pushed (by Docker
 * or PutImage), and what a tag moving or going does to them. One tag names at most one image of a repository.
 */
public final class RepositoryImages {
    /** A digest as ECR checks one: {@code algorithm:hex}. */
    public static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");

    private RepositoryImages() {
    }

    public static boolean isDigest(String reference) {
        return reference != null && DIGEST.matcher(reference).matches();
    }

    /** The images of a repository, by digest. */
    public static List<Image> of(Snapshot state, String repositoryName) {
        return state.indexed(Kind.ECR_IMAGE, repositoryName)
                .sorted(Comparator.comparing(Image::imageDigest)).toList();
    }

    public static Optional<Image> byDigest(Snapshot state, String repositoryName, String digest) {
        return state.find(Kind.ECR_IMAGE, Image.key(repositoryName, digest));
    }

    public static Optional<Image> byTag(Snapshot state, String repositoryName, String tag) {
        return state.indexed(Kind.ECR_IMAGE, repositoryName).filter(image -> image.hasTag(tag)).findFirst();
    }

    /** The image a tag or digest names. */
    public static Optional<Image> byReference(Snapshot state, String repositoryName, String reference) {
        return isDigest(reference) ? byDigest(state, repositoryName, reference)
                : byTag(state, repositoryName, reference);
    }

    /** Why a tag may not be written in a repository: it names an image already and the repository is IMMUTABLE. */
    public static Optional<String> immutableTagRefusal(Snapshot state, Repository repository, String tag) {
        if (!repository.immutable() || tag == null || byTag(state, repository.repositoryName(), tag).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EcrMessages.tagAlreadyExists(tag, repository.repositoryName()));
    }

    /**
     * Records a manifest written under {@code tag} (null for a push by digest): a new image, or the tag added to the
     * image of that digest. A tag that named another image leaves it, as in ECR, with its other tags or untagged.
     */
    public static Image recordPush(Transaction tx, String repositoryName, String tag, ManifestBody manifest) {
        Image image = byDigest(tx.state(), repositoryName, manifest.digest())
                .orElseGet(() -> newImage(tx, repositoryName, manifest));
        if (tag == null) {
            return tx.put(Kind.ECR_IMAGE, image);
        }
        byTag(tx.state(), repositoryName, tag)
                .filter(previous -> !previous.imageDigest().equals(manifest.digest()))
                .ifPresent(previous -> tx.put(Kind.ECR_IMAGE, previous.withoutTag(tag)));
        return tx.put(Kind.ECR_IMAGE, image.withTag(tag));
    }

    private static Image newImage(Transaction tx, String repositoryName, ManifestBody manifest) {
        Optional<ManifestFacts> facts = ManifestFacts.read(manifest.body(), manifest.mediaType());
        String mediaType = manifest.mediaType() != null ? manifest.mediaType()
                : facts.map(ManifestFacts::mediaType).orElse(null);
        long size = facts.map(f -> f.isList() ? listSize(tx.state(), repositoryName, f) : f.imageSizeInBytes())
                .orElse(0L);
        return new Image(repositoryName, manifest.digest(), List.of(), size, tx.now(), mediaType,
                facts.map(ManifestFacts::artifactMediaType).orElse(null),
                new String(manifest.body(), StandardCharsets.UTF_8));
    }

    /** ECR gives a manifest list the size of its largest image. */
    private static long listSize(Snapshot state, String repositoryName, ManifestFacts list) {
        return list.childDigests().stream()
                .flatMap(digest -> byDigest(state, repositoryName, digest).stream())
                .mapToLong(Image::imageSizeInBytes).max().orElse(0);
    }
}
