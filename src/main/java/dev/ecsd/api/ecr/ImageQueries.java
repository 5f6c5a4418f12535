package dev.ecsd.api.ecr;

import dev.ecsd.api.Pages;
import dev.ecsd.control.images.RepositoryImages;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.state.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;

/** Reading a repository's images: DescribeImages, ListImages, BatchGetImage. */
final class ImageQueries {
    static final String TAGGED = "TAGGED";
    static final String UNTAGGED = "UNTAGGED";
    static final String ANY = "ANY";
    private static final Set<String> TAG_STATUSES = Set.of(TAGGED, UNTAGGED, ANY);
    private static final int MAX_IMAGE_IDS = 100;

    private final EcrScope scope;

    ImageQueries(EcrScope scope) {
        this.scope = scope;
    }

    DescribeImagesResponse describeImages(DescribeImagesRequest request) {
        String registryId = scope.registryId(request.registryId());
        Snapshot state = scope.store().snapshot();
        Repository repository = scope.repository(state, registryId, request.repositoryName());
        String name = repository.repositoryName();
        if (request.hasImageIds()) {
            if (request.maxResults() != null || request.nextToken() != null) {
                throw EcrRequests.invalidParameter("maxResults", "maxResults and nextToken cannot be used when "
                        + "imageIds are specified");
            }
            checkImageIds(request.imageIds());
            Map<String, Image> found = new LinkedHashMap<>();
            for (ImageIdentifier id : request.imageIds()) {
                Image image = find(state, name, id)
                        .orElseThrow(() -> EcrRequests.imageNotFound(id.imageDigest(), id.imageTag(), name, registryId));
                found.putIfAbsent(image.imageDigest(), image);
            }
            return DescribeImagesResponse.builder()
                    .imageDetails(found.values().stream().map(image -> EcrMapper.imageDetail(registryId, image))
                            .toList())
                    .build();
        }
        String tagStatus = tagStatus(request.filter() == null ? null : request.filter().tagStatusAsString());
        List<Image> images = RepositoryImages.of(state, name).stream()
                .filter(image -> matches(image, tagStatus)).toList();
        Pages.Page<Image> page = Pages.page(images, Image::imageDigest, Comparator.naturalOrder(),
                EcrRequests.maxResults(request.maxResults()), request.nextToken(), EcrRequests::invalidNextToken);
        return DescribeImagesResponse.builder()
                .imageDetails(page.items().stream().map(image -> EcrMapper.imageDetail(registryId, image)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** One image id per tag of each image, and the digest alone for an untagged one, as ListImages answers. */
    ListImagesResponse listImages(ListImagesRequest request) {
        String registryId = scope.registryId(request.registryId());
        Snapshot state = scope.store().snapshot();
        String name = scope.repository(state, registryId, request.repositoryName()).repositoryName();
        String tagStatus = tagStatus(request.filter() == null ? null : request.filter().tagStatusAsString());
        List<ImageIdentifier> ids = new ArrayList<>();
        for (Image image : RepositoryImages.of(state, name)) {
            if (!matches(image, tagStatus)) {
                continue;
            }
            if (image.tagged()) {
                image.imageTags().stream().sorted()
                        .forEach(tag -> ids.add(EcrMapper.imageId(image.imageDigest(), tag)));
            } else {
                ids.add(EcrMapper.imageId(image.imageDigest(), null));
            }
        }
        Pages.Page<ImageIdentifier> page = Pages.page(ids, ImageQueries::listKey, Comparator.naturalOrder(),
                EcrRequests.maxResults(request.maxResults()), request.nextToken(), EcrRequests::invalidNextToken);
        return ListImagesResponse.builder().imageIds(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * The manifests of images as they were pushed. ECR converts a manifest to one of {@code acceptedMediaTypes} where
     * it can; ecsd answers each in the media type it was pushed in.
     */
    BatchGetImageResponse batchGetImage(BatchGetImageRequest request) {
        String registryId = scope.registryId(request.registryId());
        Snapshot state = scope.store().snapshot();
        String name = scope.repository(state, registryId, request.repositoryName()).repositoryName();
        checkImageIds(request.imageIds());
        List<software.amazon.awssdk.services.ecr.model.Image> images = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier id : request.imageIds()) {
            Optional<ImageFailure> failure = ImageFailures.of(state, name, id);
            if (failure.isPresent()) {
                failures.add(failure.get());
                continue;
            }
            Image image = find(state, name, id).orElseThrow();
            images.add(software.amazon.awssdk.services.ecr.model.Image.builder()
                    .registryId(registryId).repositoryName(name)
                    .imageId(EcrMapper.imageId(image.imageDigest(), id.imageTag()))
                    .imageManifest(manifest(image))
                    .imageManifestMediaType(image.imageManifestMediaType())
                    .build());
        }
        return BatchGetImageResponse.builder().images(images).failures(failures).build();
    }

    /** The manifest text as pushed; the registry's copy for an image recorded without it. */
    private String manifest(Image image) {
        if (image.imageManifest() != null) {
            return image.imageManifest();
        }
        return scope.storage().manifest(scope.region(), image.repositoryName(), image.imageDigest())
                .map(ManifestBody::body).map(body -> new String(body, StandardCharsets.UTF_8)).orElse(null);
    }

    /** The image an identifier names: by digest (whose tag, when given too, must name it), or by tag. */
    static Optional<Image> find(Snapshot state, String repositoryName, ImageIdentifier id) {
        if (id.imageDigest() != null) {
            return RepositoryImages.byDigest(state, repositoryName, id.imageDigest())
                    .filter(image -> id.imageTag() == null || image.hasTag(id.imageTag()));
        }
        return id.imageTag() == null ? Optional.empty() : RepositoryImages.byTag(state, repositoryName, id.imageTag());
    }

    static void checkImageIds(List<ImageIdentifier> ids) {
        if (ids.isEmpty() || ids.size() > MAX_IMAGE_IDS) {
            throw EcrRequests.invalidParameter("imageIds", "Member must have length between 1 and " + MAX_IMAGE_IDS);
        }
    }

    static String tagStatus(String requested) {
        if (requested == null) {
            return ANY;
        }
        if (!TAG_STATUSES.contains(requested)) {
            throw EcrRequests.invalidParameter("filter.tagStatus",
                    "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]");
        }
        return requested;
    }

    private static boolean matches(Image image, String tagStatus) {
        return switch (tagStatus) {
            case TAGGED -> image.tagged();
            case UNTAGGED -> !image.tagged();
            default -> true;
        };
    }

    private static String listKey(ImageIdentifier id) {
        return id.imageDigest() + " " + (id.imageTag() == null ? "" : id.imageTag());
    }
}
