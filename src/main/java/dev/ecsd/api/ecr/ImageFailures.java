package dev.ecsd.api.ecr;

import dev.ecsd.control.images.RepositoryImages;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.state.Snapshot;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * Why an image id of a batch (BatchGetImage, BatchDeleteImage) names no image, as ECR lists it among the failures.
 * "Requested image not found" is ECR's; the other reasons follow ECR's "Invalid request parameters" form.
 */
final class ImageFailures {
    static final String NOT_FOUND = "Requested image not found";

    private ImageFailures() {
    }

    static Optional<ImageFailure> of(Snapshot state, String repositoryName, ImageIdentifier id) {
        if (id.imageDigest() == null && id.imageTag() == null) {
            return Optional.of(failure(id, ImageFailureCode.MISSING_DIGEST_AND_TAG,
                    "Invalid request parameters: both tag and digest cannot be null"));
        }
        if (id.imageDigest() != null && !RepositoryImages.isDigest(id.imageDigest())) {
            return Optional.of(failure(id, ImageFailureCode.INVALID_IMAGE_DIGEST, "Invalid request parameters: image "
                    + "digest should satisfy the regex '" + RepositoryImages.DIGEST + "'"));
        }
        if (id.imageTag() != null && !EcrRequests.TAG.matcher(id.imageTag()).matches()) {
            return Optional.of(failure(id, ImageFailureCode.INVALID_IMAGE_TAG, "Invalid request parameters: image tag "
                    + "should satisfy the regex '" + EcrRequests.TAG + "'"));
        }
        if (id.imageDigest() == null) {
            return RepositoryImages.byTag(state, repositoryName, id.imageTag()).isPresent() ? Optional.empty()
                    : Optional.of(failure(id, ImageFailureCode.IMAGE_NOT_FOUND, NOT_FOUND));
        }
        Optional<Image> image = RepositoryImages.byDigest(state, repositoryName, id.imageDigest());
        if (image.isEmpty()) {
            return Optional.of(failure(id, ImageFailureCode.IMAGE_NOT_FOUND, NOT_FOUND));
        }
        if (id.imageTag() != null && !image.get().hasTag(id.imageTag())) {
            return Optional.of(failure(id, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                    "Invalid request parameters: given tag does not map to the given digest"));
        }
        return Optional.empty();
    }

    static ImageFailure failure(ImageIdentifier id, ImageFailureCode code, String reason) {
        return ImageFailure.builder().imageId(id).failureCode(code).failureReason(reason).build();
    }
}
