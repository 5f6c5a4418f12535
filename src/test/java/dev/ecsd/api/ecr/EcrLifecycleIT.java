package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * ECR lifecycle policies through the SDK: PutLifecyclePolicy checks the rules as ECR does, previews show what a policy
 * would expire, and a policy put on a repository is applied by the server to the images pushed into it.
 */
class EcrLifecycleIT {
    private static final MemoryImageStorage REGISTRY = new MemoryImageStorage();
    private static final String PREFIX = "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
            + "'Lifecycle policy validation failure: ";
    /** "Keep the last 2 images", laid out as a user writes it: ECR keeps the text as given. */
    private static final String KEEP_TWO = """
            {
              "rules": [
                {
                  "rulePriority": 1,
                  "description": "keep the last 2 images",
                  "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 2},
                  "action": {"type": "expire"}
                }
              ]
            }
            """;
    private static final String KEEP_ONE = KEEP_TWO.replace("\"countNumber\": 2", "\"countNumber\": 1");

    @RegisterExtension
    static final SharedServer server = SharedServer.withImages(REGISTRY);

    private final EcrClient ecr = server.ecr();

    @BeforeEach
    void repository() {
        ecr.createRepository(r -> r.repositoryName("web"));
    }

    @Test
    void putLifecyclePolicyKeepsTheTextAsGivenAndGetAnswersWhenThePolicyWasApplied() {
        assertThat(ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(KEEP_TWO))
                .lifecyclePolicyText()).isEqualTo(KEEP_TWO);

        var applied = Awaitility.await("the policy applied").atMost(Duration.ofSeconds(30))
                .until(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("web")), got -> got.lastEvaluatedAt() != null);
        assertThat(applied.lifecyclePolicyText()).isEqualTo(KEEP_TWO);
        assertThat(applied.repositoryName()).isEqualTo("web");
        assertThat(applied.registryId()).isEqualTo("000000000000");
    }

    @Test
    void putLifecyclePolicyRefusesRulesEcrRefusesInItsWords() {
        String twoUntagged = "{\"rules\":[" + untaggedRule(1) + "," + untaggedRule(2) + "]}";
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(twoUntagged)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(PREFIX + "Only one rule can select Untagged images.'");
        String taggedWithoutPrefix = KEEP_TWO.replace("\"any\"", "\"tagged\"");
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web")
                .lifecyclePolicyText(taggedWithoutPrefix)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(PREFIX + "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'");
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web")
                .lifecyclePolicyText(padded("{\"rules\":[]}"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(PREFIX + "array is too short");
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web")
                .lifecyclePolicyText(padded("[1]"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(PREFIX + "Could not map policyString into LifecyclePolicy.'");
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText("[1]")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'lifecyclePolicyText' failed to satisfy constraint: 'Member must have length "
                        + "between 100 and 30720'");
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("web")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("nope").lifecyclePolicyText(KEEP_TWO)))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void aPolicyThatKeepsTwoImagesLeavesTheTwoNewestAfterAThirdPushAndTheRegistryForgetsTheOldest() {
        ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(KEEP_TWO));
        String first = put("v1", 1);
        String second = put("v2", 2);
        String third = put("v3", 3);

        List<ImageDetail> kept = Awaitility.await("two images left").atMost(Duration.ofSeconds(30))
                .until(() -> ecr.describeImages(r -> r.repositoryName("web")).imageDetails(), d -> d.size() == 2);
        assertThat(kept).extracting(ImageDetail::imageDigest).containsExactlyInAnyOrder(second, third);
        assertThat(REGISTRY.holds("us-east-1", "web", first)).isFalse();
        assertThat(REGISTRY.holds("us-east-1", "web", third)).isTrue();
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lastEvaluatedAt()).isNotNull();
    }

    @Test
    void aPreviewShowsWhatAPolicyWouldExpireAndExpiresNothing() {
        String first = put("v1", 1);
        put("v2", 2);
        put("v3", 3);

        StartLifecyclePolicyPreviewResponse started = ecr.startLifecyclePolicyPreview(r -> r.repositoryName("web")
                .lifecyclePolicyText(KEEP_TWO));
        assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.IN_PROGRESS);
        assertThat(started.lifecyclePolicyText()).isEqualTo(KEEP_TWO);
        assertThat(started.repositoryName()).isEqualTo("web");
        assertThat(started.registryId()).isEqualTo("000000000000");

        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web"));
        assertThat(preview.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
        assertThat(preview.lifecyclePolicyText()).isEqualTo(KEEP_TWO);
        assertThat(preview.summary().expiringImageTotalCount()).isEqualTo(1);
        LifecyclePolicyPreviewResult result = preview.previewResults().getFirst();
        assertThat(preview.previewResults()).hasSize(1);
        assertThat(result.imageDigest()).isEqualTo(first);
        assertThat(result.imageTags()).containsExactly("v1");
        assertThat(result.imagePushedAt()).isEqualTo(detail(first).imagePushedAt());
        assertThat(result.action().type()).isEqualTo(ImageActionType.EXPIRE);
        assertThat(result.appliedRulePriority()).isEqualTo(1);
        assertThat(preview.nextToken()).isNull();
        assertThat(ecr.describeImages(r -> r.repositoryName("web")).imageDetails()).hasSize(3);
    }

    @Test
    void aPreviewWithoutATextUsesTheRepositorysPolicyAndNeedsOne() {
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("web")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class)
                .hasMessageContaining("Lifecycle policy does not exist for the repository with name 'web'");
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")))
                .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class)
                .hasMessageContaining("There is no dry run for this repository.");
        ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(KEEP_TWO));

        assertThat(ecr.startLifecyclePolicyPreview(r -> r.repositoryName("web")).lifecyclePolicyText())
                .isEqualTo(KEEP_TWO);
        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web"));
        assertThat(preview.lifecyclePolicyText()).isEqualTo(KEEP_TWO);
        assertThat(preview.previewResults()).isEmpty();
        assertThat(preview.summary().expiringImageTotalCount()).isZero();
    }

    @Test
    void aPreviewRefusesAnInvalidPolicyAMissingRepositoryAndIsGoneWithItsRepository() {
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("web")
                .lifecyclePolicyText(padded("{\"rules\":[{\"rulePriority\":1}]}"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(PREFIX + "object has missing required properties ([\"action\", \"selection\"])");
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("nope")
                .lifecyclePolicyText(KEEP_TWO))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("nope")))
                .isInstanceOf(RepositoryNotFoundException.class);

        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("web").lifecyclePolicyText(KEEP_TWO));
        ecr.deleteRepository(r -> r.repositoryName("web"));
        ecr.createRepository(r -> r.repositoryName("web"));
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")))
                .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
    }

    @Test
    void previewResultsArePagedFilteredByTagStatusAndChosenByImageId() {
        String untagged = put(null, 1);
        String second = put("v2", 2);
        String third = put("v3", 3);
        put("v4", 4);
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("web").lifecyclePolicyText(KEEP_ONE));

        GetLifecyclePolicyPreviewResponse firstPage = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")
                .maxResults(2));
        assertThat(firstPage.previewResults()).extracting(LifecyclePolicyPreviewResult::imageDigest)
                .containsExactly(untagged, second);
        assertThat(firstPage.summary().expiringImageTotalCount()).isEqualTo(3);
        GetLifecyclePolicyPreviewResponse lastPage = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")
                .maxResults(2).nextToken(firstPage.nextToken()));
        assertThat(lastPage.previewResults()).extracting(LifecyclePolicyPreviewResult::imageDigest)
                .containsExactly(third);
        assertThat(lastPage.nextToken()).isNull();
        assertThat(ecr.getLifecyclePolicyPreviewPaginator(r -> r.repositoryName("web").maxResults(1))
                .previewResults().stream().map(LifecyclePolicyPreviewResult::imageDigest))
                .containsExactly(untagged, second, third);

        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")
                .filter(f -> f.tagStatus(TagStatus.UNTAGGED))).previewResults())
                .extracting(LifecyclePolicyPreviewResult::imageDigest).containsExactly(untagged);
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")
                .filter(f -> f.tagStatus(TagStatus.TAGGED))).previewResults())
                .extracting(LifecyclePolicyPreviewResult::imageDigest).containsExactly(second, third);
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")
                .imageIds(i -> i.imageTag("v3"), i -> i.imageDigest(untagged), i -> i.imageTag("v4"))).previewResults())
                .extracting(LifecyclePolicyPreviewResult::imageDigest).containsExactly(untagged, third);

        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web")
                .imageIds(i -> i.imageTag("v3")).maxResults(1))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web").maxResults(1001)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("web").nextToken("bogus")))
                .isInstanceOf(InvalidParameterException.class);
    }

    /** Puts an image, tagged or not (null), and answers its digest; each put is a later push than the one before. */
    private String put(String tag, int variant) {
        String manifest = EcrImagesIT.manifest(variant);
        return ecr.putImage(r -> r.repositoryName("web").imageTag(tag).imageManifest(manifest)).image().imageId()
                .imageDigest();
    }

    private ImageDetail detail(String digest) {
        return ecr.describeImages(r -> r.repositoryName("web").imageIds(i -> i.imageDigest(digest))).imageDetails()
                .getFirst();
    }

    /** A JSON text made long enough for ECR's minimum length (100) with white space, so its content is checked. */
    private static String padded(String json) {
        return json + " ".repeat(100);
    }

    private static String untaggedRule(int priority) {
        return "{\"rulePriority\":" + priority + ",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}";
    }
}
