package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.registry.ManifestBody;
import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.SharedServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** ECR images through the SDK: PutImage, DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, pushes. */
class EcrImagesIT {
    private static final String SCHEMA2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final MemoryImageStorage REGISTRY = new MemoryImageStorage();

    @RegisterExtension
    static final SharedServer server = SharedServer.withImages(REGISTRY);

    private final EcrClient ecr = server.ecr();

    @BeforeEach
    void repository() {
        ecr.createRepository(r -> r.repositoryName("web"));
    }

    @Test
    void aPutImageIsDescribedWithItsDigestTagSizeMediaTypesAndTime() {
        String manifest = manifest(7);
        var put = ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest)).image();

        String digest = MemoryImageStorage.digest(manifest.getBytes(StandardCharsets.UTF_8));
        assertThat(put.imageId().imageDigest()).isEqualTo(digest);
        assertThat(put.imageId().imageTag()).isEqualTo("v1");
        assertThat(put.imageManifestMediaType()).isEqualTo(SCHEMA2);
        assertThat(REGISTRY.holds("us-east-1", "web", digest)).isTrue();
        ImageDetail detail = ecr.describeImages(r -> r.repositoryName("web")).imageDetails().getFirst();
        assertThat(detail.registryId()).isEqualTo("000000000000");
        assertThat(detail.repositoryName()).isEqualTo("web");
        assertThat(detail.imageDigest()).isEqualTo(digest);
        assertThat(detail.imageTags()).containsExactly("v1");
        assertThat(detail.imageSizeInBytes()).isEqualTo(1469 + 1000 + 7);
        assertThat(detail.imageManifestMediaType()).isEqualTo(SCHEMA2);
        assertThat(detail.artifactMediaType()).isEqualTo("application/vnd.docker.container.image.v1+json");
        assertThat(detail.imagePushedAt()).isNotNull();
    }

    @Test
    void putImageRefusesWhatWouldChangeNothingAWrongDigestAndBadInput() {
        String manifest = manifest(1);
        ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest));

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest)))
                .isInstanceOf(ImageAlreadyExistsException.class)
                .hasMessageContaining("and tag 'v1' already exists in the repository with name 'web'");
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageManifest(manifest)))
                .isInstanceOf(ImageAlreadyExistsException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageTag("v2").imageManifest(manifest(2))
                .imageDigest("sha256:" + "0".repeat(64)))).isInstanceOf(ImageDigestDoesNotMatchException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageTag("v2").imageManifest("nope")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageTag("bad tag").imageManifest(manifest)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("nope").imageTag("v1").imageManifest(manifest)))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageTag("v1")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void anImmutableRepositoryRefusesToMoveATagByPutImageAndByPush() {
        ecr.putImageTagMutability(r -> r.repositoryName("web").imageTagMutability(ImageTagMutability.IMMUTABLE));
        ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest(1)));

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest(2))))
                .isInstanceOf(ImageTagAlreadyExistsException.class)
                .hasMessageContaining("The image tag 'v1' already exists in the 'web' repository and cannot be "
                        + "overwritten because the repository is immutable.");
        assertThat(server.server().registryGate().refuseManifest("us-east-1", "web", "v1")).isPresent();
        ecr.putImage(r -> r.repositoryName("web").imageTag("v2").imageManifest(manifest(2)));
        assertThat(ecr.listImages(r -> r.repositoryName("web")).imageIds()).extracting(ImageIdentifier::imageTag)
                .containsExactlyInAnyOrder("v1", "v2");
    }

    @Test
    void aTagPutOnAnotherImageLeavesTheFirstUntaggedAndFiltersSeeIt() {
        ecr.putImage(r -> r.repositoryName("web").imageTag("latest").imageManifest(manifest(1)));
        ecr.putImage(r -> r.repositoryName("web").imageTag("latest").imageManifest(manifest(2)));
        String first = digest(1);

        assertThat(ecr.describeImages(r -> r.repositoryName("web").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageDetails()).extracting(ImageDetail::imageDigest).containsExactly(first);
        assertThat(ecr.describeImages(r -> r.repositoryName("web").filter(f -> f.tagStatus(TagStatus.TAGGED)))
                .imageDetails()).extracting(ImageDetail::imageDigest).containsExactly(digest(2));
        assertThat(ecr.describeImages(r -> r.repositoryName("web").imageIds(id(first, null))).imageDetails()
                .getFirst().hasImageTags()).isFalse();
        assertThat(ecr.listImages(r -> r.repositoryName("web").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageIds()).containsExactly(id(first, null));
        assertThat(ecr.listImages(r -> r.repositoryName("web")).imageIds()).hasSize(2);
    }

    @Test
    void describeImagesByIdsAnswersEachImageOnceAndAMissingOneIsAnError() {
        ecr.putImage(r -> r.repositoryName("web").imageTag("a").imageManifest(manifest(1)));
        ecr.putImage(r -> r.repositoryName("web").imageTag("b").imageManifest(manifest(1)));

        DescribeImagesResponse both = ecr.describeImages(r -> r.repositoryName("web")
                .imageIds(id(null, "a"), id(digest(1), null), id(digest(1), "b")));

        assertThat(both.imageDetails()).hasSize(1);
        assertThat(both.imageDetails().getFirst().imageTags()).containsExactly("a", "b");
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("web").imageIds(id(null, "zzz"))))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("The image with imageId {imageDigest:'null', imageTag:'zzz'} does not exist "
                        + "within the repository with name 'web' in the registry with id '000000000000'");
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("gone")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("web").filter(f -> f.tagStatus("SOME"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void describeAndListImagesPageThroughEveryImage() {
        for (int i = 0; i < 5; i++) {
            String tag = "t" + i;
            String manifest = manifest(i);
            ecr.putImage(r -> r.repositoryName("web").imageTag(tag).imageManifest(manifest));
        }

        List<String> described = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeImagesResponse page = ecr.describeImages(r -> r.repositoryName("web").maxResults(2)
                    .nextToken(next));
            assertThat(page.imageDetails().size()).isLessThanOrEqualTo(2);
            page.imageDetails().forEach(detail -> described.add(detail.imageTags().getFirst()));
            token = page.nextToken();
        } while (token != null);

        assertThat(described).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
        assertThat(ecr.listImagesPaginator(r -> r.repositoryName("web").maxResults(2)).imageIds())
                .extracting(ImageIdentifier::imageTag).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
        assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("web").maxResults(0)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void batchGetImageAnswersManifestsAndListsFailures() {
        String manifest = manifest(1);
        ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(manifest));

        BatchGetImageResponse got = ecr.batchGetImage(r -> r.repositoryName("web").imageIds(id(null, "v1"),
                id(digest(1), "v2"), id(null, "v9"), id(digest(1), null)));

        assertThat(got.images()).hasSize(2);
        assertThat(got.images().getFirst().imageManifest()).isEqualTo(manifest);
        assertThat(got.images().getFirst().imageManifestMediaType()).isEqualTo(SCHEMA2);
        assertThat(got.images().getFirst().imageId()).isEqualTo(id(digest(1), "v1"));
        assertThat(got.failures()).extracting(f -> f.failureCode())
                .containsExactly(ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST, ImageFailureCode.IMAGE_NOT_FOUND);
        assertThat(got.failures().get(1).failureReason()).isEqualTo("Requested image not found");
    }

    @Test
    void batchDeleteByTagRemovesTheTagAndTheImageWithItsLastTag() {
        ecr.putImage(r -> r.repositoryName("web").imageTag("a").imageManifest(manifest(1)));
        ecr.putImage(r -> r.repositoryName("web").imageTag("b").imageManifest(manifest(1)));

        BatchDeleteImageResponse first = ecr.batchDeleteImage(r -> r.repositoryName("web").imageIds(id(null, "a")));

        assertThat(first.imageIds()).containsExactly(id(digest(1), "a"));
        assertThat(ecr.describeImages(r -> r.repositoryName("web")).imageDetails().getFirst().imageTags())
                .containsExactly("b");
        assertThat(REGISTRY.holds("us-east-1", "web", digest(1))).isTrue();
        ecr.batchDeleteImage(r -> r.repositoryName("web").imageIds(id(null, "b")));
        assertThat(ecr.describeImages(r -> r.repositoryName("web")).imageDetails()).isEmpty();
        assertThat(REGISTRY.holds("us-east-1", "web", digest(1))).isFalse();
    }

    @Test
    void batchDeleteByDigestRemovesTheImageWithAllItsTagsAndListsFailures() {
        ecr.putImage(r -> r.repositoryName("web").imageTag("a").imageManifest(manifest(1)));
        ecr.putImage(r -> r.repositoryName("web").imageTag("b").imageManifest(manifest(1)));

        BatchDeleteImageResponse deleted = ecr.batchDeleteImage(r -> r.repositoryName("web").imageIds(
                id(digest(1), null), id(null, "zzz"), id("not-a-digest", null), id(null, null)));

        assertThat(deleted.imageIds()).containsExactlyInAnyOrder(id(digest(1), "a"), id(digest(1), "b"));
        assertThat(deleted.failures()).extracting(f -> f.failureCode()).containsExactly(
                ImageFailureCode.IMAGE_NOT_FOUND, ImageFailureCode.INVALID_IMAGE_DIGEST,
                ImageFailureCode.MISSING_DIGEST_AND_TAG);
        assertThat(ecr.listImages(r -> r.repositoryName("web")).imageIds()).isEmpty();
        assertThat(REGISTRY.holds("us-east-1", "web", digest(1))).isFalse();
    }

    @Test
    void aPushThroughTheRegistryIsAnImageOfTheRepository() {
        byte[] body = manifest(3).getBytes(StandardCharsets.UTF_8);
        ManifestBody pushed = new ManifestBody(MemoryImageStorage.digest(body), SCHEMA2, body);

        server.server().registryGate().manifestPushed("us-east-1", "web", "pushed", pushed);

        assertThat(ecr.describeImages(r -> r.repositoryName("web").imageIds(id(null, "pushed"))).imageDetails()
                .getFirst().imageDigest()).isEqualTo(pushed.digest());
        assertThat(ecr.batchGetImage(r -> r.repositoryName("web").imageIds(id(null, "pushed"))).images().getFirst()
                .imageManifest()).isEqualTo(manifest(3));
    }

    private static ImageIdentifier id(String digest, String tag) {
        return ImageIdentifier.builder().imageDigest(digest).imageTag(tag).build();
    }

    private static String digest(int variant) {
        return MemoryImageStorage.digest(manifest(variant).getBytes(StandardCharsets.UTF_8));
    }

    /** A Docker schema 2 manifest whose last layer is {@code variant} bytes, so each variant has its own digest. */
    static String manifest(int variant) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + SCHEMA2 + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":1469,\"digest\":\"sha256:"
                + "a".repeat(64) + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                + "\"size\":1000,\"digest\":\"sha256:" + "d".repeat(64) + "\"},{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + variant + ",\"digest\":\"sha256:"
                + "e".repeat(64) + "\"}]}";
    }
}
