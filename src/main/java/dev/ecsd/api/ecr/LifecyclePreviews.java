package dev.ecsd.api.ecr;

import dev.ecsd.api.Pages;
import dev.ecsd.control.images.LifecycleEvaluation;
import dev.ecsd.control.images.LifecycleExpiry;
import dev.ecsd.control.images.LifecycleImage;
import dev.ecsd.control.images.LifecyclePolicy;
import dev.ecsd.control.images.RepositoryImages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewSummary;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyRuleAction;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewResponse;

/**
 * Lifecycle policy previews (Start/GetLifecyclePolicyPreview): a dry run of a policy against a repository's images as
 * they are when it starts, evaluated exactly as the server applies policies ({@link LifecycleEvaluation}).
 *
 * <p>ECR runs a preview asynchronously: StartLifecyclePolicyPreview answers IN_PROGRESS and GetLifecyclePolicyPreview
 * COMPLETE once it is done. ecsd evaluates at once, so every Get answers COMPLETE. A preview is a result to look at,
 * not state: it is kept in memory, the last one of each repository, and is gone after a restart (ECR's previews
 * expire too) or when its repository is deleted and created again.
 */
final class LifecyclePreviews {
    private static final int MAX_IMAGE_IDS = 100;

    /** A repository's last preview; {@code createdAt} tells a repository created again under the same name apart. */
    private record Preview(Instant repositoryCreatedAt, String policyText, List<LifecycleExpiry> results) {
    }

    private final EcrScope scope;
    private final Map<String, Preview> previews = new ConcurrentHashMap<>();

    LifecyclePreviews(EcrScope scope) {
        this.scope = scope;
    }

    StartLifecyclePolicyPreviewResponse start(StartLifecyclePolicyPreviewRequest request) {
        String registryId = scope.registryId(request.registryId());
        Snapshot state = scope.store().snapshot();
        Repository repository = scope.repository(state, registryId, request.repositoryName());
        String text = request.lifecyclePolicyText() != null ? request.lifecyclePolicyText()
                : repository.lifecyclePolicy();
        if (text == null) {
            throw EcrRequests.lifecyclePolicyNotFound(repository.repositoryName(), registryId);
        }
        LifecyclePolicy policy = EcrRequests.lifecyclePolicy(text);
        List<LifecycleImage> images = RepositoryImages.of(state, repository.repositoryName()).stream()
                .map(image -> new LifecycleImage(image.imageDigest(), image.imageTags(), image.imagePushedAt()))
                .toList();
        List<LifecycleExpiry> results = LifecycleEvaluation.evaluate(policy, images, scope.store().now());
        previews.put(repository.repositoryName(), new Preview(repository.createdAt(), text, results));
        return StartLifecyclePolicyPreviewResponse.builder().registryId(registryId)
                .repositoryName(repository.repositoryName()).lifecyclePolicyText(text)
                .status(LifecyclePolicyPreviewStatus.IN_PROGRESS).build();
    }

    GetLifecyclePolicyPreviewResponse get(GetLifecyclePolicyPreviewRequest request) {
        String registryId = scope.registryId(request.registryId());
        Repository repository = scope.repository(registryId, request.repositoryName());
        String name = repository.repositoryName();
        Preview preview = previews.get(name);
        if (preview == null || !preview.repositoryCreatedAt().equals(repository.createdAt())) {
            // ECR's description of the error (its API reference and SDKs): its answers are not documented.
            throw new ApiException(ErrorType.LIFECYCLE_POLICY_PREVIEW_NOT_FOUND,
                    "There is no dry run for this repository.");
        }
        String tagStatus = ImageQueries.tagStatus(request.filter() == null ? null
                : request.filter().tagStatusAsString());
        List<Indexed> selected = new ArrayList<>();
        for (int i = 0; i < preview.results().size(); i++) {
            LifecycleExpiry result = preview.results().get(i);
            if (matches(result, tagStatus)) {
                selected.add(new Indexed(i, result));
            }
        }
        GetLifecyclePolicyPreviewResponse.Builder response = GetLifecyclePolicyPreviewResponse.builder()
                .registryId(registryId).repositoryName(name).lifecyclePolicyText(preview.policyText())
                .status(LifecyclePolicyPreviewStatus.COMPLETE)
                .summary(LifecyclePolicyPreviewSummary.builder()
                        .expiringImageTotalCount(preview.results().size()).build());
        if (request.hasImageIds()) {
            // ECR: nextToken "cannot be used when you specify images with imageIds", and likewise maxResults.
            if (request.maxResults() != null || request.nextToken() != null) {
                throw EcrRequests.invalidParameter("maxResults", "maxResults and nextToken cannot be used when "
                        + "imageIds are specified");
            }
            if (request.imageIds().isEmpty() || request.imageIds().size() > MAX_IMAGE_IDS) {
                throw EcrRequests.invalidParameter("imageIds", "Member must have length between 1 and "
                        + MAX_IMAGE_IDS);
            }
            return response.previewResults(selected.stream()
                    .filter(entry -> request.imageIds().stream().anyMatch(id -> names(id, entry.result())))
                    .map(entry -> result(entry.result())).toList()).build();
        }
        Pages.Page<Indexed> page = Pages.page(selected, Indexed::key, Comparator.naturalOrder(),
                EcrRequests.maxResults(request.maxResults()), request.nextToken(), EcrRequests::invalidNextToken);
        return response.previewResults(page.items().stream().map(entry -> result(entry.result())).toList())
                .nextToken(page.nextToken()).build();
    }

    /** A result with its place in the preview, oldest first: pages resume after the last place answered. */
    private record Indexed(int index, LifecycleExpiry result) {
        String key() {
            return String.format("%010d", index);
        }
    }

    private static boolean matches(LifecycleExpiry result, String tagStatus) {
        return switch (tagStatus) {
            case ImageQueries.TAGGED -> !result.tags().isEmpty();
            case ImageQueries.UNTAGGED -> result.tags().isEmpty();
            default -> true;
        };
    }

    /** Whether an image id names a result: its digest (and, given too, one of its tags), or one of its tags. */
    private static boolean names(ImageIdentifier id, LifecycleExpiry result) {
        if (id.imageDigest() != null) {
            return id.imageDigest().equals(result.digest())
                    && (id.imageTag() == null || result.tags().contains(id.imageTag()));
        }
        return id.imageTag() != null && result.tags().contains(id.imageTag());
    }

    private static LifecyclePolicyPreviewResult result(LifecycleExpiry expiry) {
        return LifecyclePolicyPreviewResult.builder().imageDigest(expiry.digest()).imageTags(expiry.tags())
                .imagePushedAt(expiry.pushedAt())
                .action(LifecyclePolicyRuleAction.builder().type(ImageActionType.EXPIRE).build())
                .appliedRulePriority(expiry.appliedRulePriority()).build();
    }
}
