package dev.ecsd.api.ecr;

import dev.ecsd.control.images.ImageExpiry;
import dev.ecsd.control.images.ManifestFacts;
import dev.ecsd.control.images.RepositoryImages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;

/** Writing a repository's images: PutImage and BatchDeleteImage, through the registry that holds the manifests. */
final class ImageWrites {
    private final EcrScope scope;

    ImageWrites(EcrScope scope) {
        this.scope = scope;
    }

    PutImageResponse putImage(PutImageRequest request) {
        String registryId = scope.registryId(request.registryId());
        Repository repository = scope.repository(registryId, request.repositoryName());
        String name = repository.repositoryName();
        String tag = request.imageTag();
        EcrRequests.checkImageTag("imageTag", tag);
        if (request.imageDigest() != null && !RepositoryImages.isDigest(request.imageDigest())) {
            throw EcrRequests.invalidParameter("imageDigest",
                    "must satisfy regular expression '" + RepositoryImages.DIGEST + "'");
        }
        byte[] manifest = request.imageManifest().getBytes(StandardCharsets.UTF_8);
        ManifestFacts facts = ManifestFacts.read(manifest, request.imageManifestMediaType())
                .orElseThrow(() -> EcrRequests.invalidParameter("imageManifest", "Invalid JSON syntax"));
        String mediaType = request.imageManifestMediaType() != null ? request.imageManifestMediaType()
                : facts.mediaType();
        String digest = sha256(manifest);
        if (request.imageDigest() != null && !request.imageDigest().equals(digest)) {
            // ECR documents the error, not its message: this one is ours
            throw new ApiException(ErrorType.IMAGE_DIGEST_DOES_NOT_MATCH, "The digest of the image manifest, "
                    + digest + ", does not match the imageDigest given, " + request.imageDigest() + ".");
        }
        refuse(scope.store().snapshot(), repository, registryId, tag, digest);
        if (!scope.storage().available()) {
            throw new ApiException(ErrorType.SERVER, "ecsd's registry is not running, so it cannot store images: "
                    + "install the docker-registry package and restart ecsd.");
        }
        ManifestBody stored;
        try {
            stored = scope.storage().putManifest(scope.region(), name, tag != null ? tag : digest, mediaType,
                    manifest);
        } catch (IllegalArgumentException e) {
            // the registry refused the manifest itself (it names layers it does not hold, say)
            throw EcrRequests.invalidParameter("imageManifest", e.getMessage());
        }
        ManifestBody recorded = new ManifestBody(stored.digest(), mediaType, manifest);
        scope.store().write(tx -> {
            refuse(tx.state(), scope.repository(tx.state(), registryId, name), registryId, tag, stored.digest());
            return RepositoryImages.recordPush(tx, name, tag, recorded);
        });
        return PutImageResponse.builder()
                .image(software.amazon.awssdk.services.ecr.model.Image.builder()
                        .registryId(registryId).repositoryName(name)
                        .imageId(EcrMapper.imageId(stored.digest(), tag))
                        .imageManifest(request.imageManifest())
                        .imageManifestMediaType(mediaType)
                        .build())
                .build();
    }

    /** ECR's refusals of a push: nothing would change, or the tag is IMMUTABLE's and names another image. */
    private static void refuse(Snapshot state, Repository repository, String registryId, String tag, String digest) {
        String name = repository.repositoryName();
        Optional<Image> existing = tag != null ? RepositoryImages.byTag(state, name, tag)
                : RepositoryImages.byDigest(state, name, digest);
        if (existing.isPresent() && existing.get().imageDigest().equals(digest)) {
            throw new ApiException(ErrorType.IMAGE_ALREADY_EXISTS, "Image with digest '" + digest + "'"
                    + (tag == null ? "" : " and tag '" + tag + "'") + " already exists in the repository with name '"
                    + name + "' in registry with id '" + registryId + "'");
        }
        RepositoryImages.immutableTagRefusal(state, repository, tag).ifPresent(message -> {
            throw new ApiException(ErrorType.IMAGE_TAG_ALREADY_EXISTS, message);
        });
    }

    /**
     * Deletes images as ECR does: an id by tag removes that tag, and the image with its last tag; an id by digest
     * removes the image and all its tags. The registry forgets the manifests of the images that went.
     */
    BatchDeleteImageResponse batchDeleteImage(BatchDeleteImageRequest request) {
        String registryId = scope.registryId(request.registryId());
        String name = scope.repository(registryId, request.repositoryName()).repositoryName();
        ImageQueries.checkImageIds(request.imageIds());
        List<ImageIdentifier> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        Set<String> gone = new LinkedHashSet<>();
        scope.store().write(tx -> {
            scope.repository(tx.state(), registryId, name);
            for (ImageIdentifier id : request.imageIds()) {
                Optional<ImageFailure> failure = ImageFailures.of(tx.state(), name, id);
                if (failure.isPresent()) {
                    failures.add(failure.get());
                    continue;
                }
                Image image = ImageQueries.find(tx.state(), name, id).orElseThrow();
                if (id.imageDigest() == null) {
                    Image untagged = image.withoutTag(id.imageTag());
                    if (untagged.tagged()) {
                        tx.put(Kind.ECR_IMAGE, untagged);
                    } else {
                        tx.delete(Kind.ECR_IMAGE, image.key());
                        gone.add(image.imageDigest());
                    }
                    deleted.add(EcrMapper.imageId(image.imageDigest(), id.imageTag()));
                    continue;
                }
                tx.delete(Kind.ECR_IMAGE, image.key());
                gone.add(image.imageDigest());
                if (image.tagged()) {
                    image.imageTags().forEach(tag -> deleted.add(EcrMapper.imageId(image.imageDigest(), tag)));
                } else {
                    deleted.add(EcrMapper.imageId(image.imageDigest(), null));
                }
            }
            return null;
        });
        new ImageExpiry(scope.store(), scope.storage(), scope.region()).forget(name, gone);
        return BatchDeleteImageResponse.builder().imageIds(deleted).failures(failures).build();
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
