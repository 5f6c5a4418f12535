package dev.ecsd.api.ecr;

import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.Tag;

/** ECR's repositories and images as the ECR API answers them. */
final class EcrMapper {
    private EcrMapper() {
    }

    static software.amazon.awssdk.services.ecr.model.Repository repository(EcrScope scope, Repository repository) {
        return software.amazon.awssdk.services.ecr.model.Repository.builder()
                .repositoryArn(repository.repositoryArn())
                .registryId(repository.registryId())
                .repositoryName(repository.repositoryName())
                .repositoryUri(scope.repositoryUri(repository.repositoryName()))
                .createdAt(repository.createdAt())
                .imageTagMutability(repository.imageTagMutability())
                .imageScanningConfiguration(ImageScanningConfiguration.builder()
                        .scanOnPush(repository.scanOnPush()).build())
                .encryptionConfiguration(EncryptionConfiguration.builder()
                        .encryptionType(repository.encryptionType()).kmsKey(repository.kmsKey()).build())
                .build();
    }

    static ImageDetail imageDetail(String registryId, Image image) {
        ImageDetail.Builder detail = ImageDetail.builder()
                .registryId(registryId)
                .repositoryName(image.repositoryName())
                .imageDigest(image.imageDigest())
                .imageSizeInBytes(image.imageSizeInBytes())
                .imagePushedAt(image.imagePushedAt())
                .imageManifestMediaType(image.imageManifestMediaType())
                .artifactMediaType(image.artifactMediaType());
        // ECR leaves imageTags out of an untagged image's details
        if (image.tagged()) {
            detail.imageTags(image.imageTags());
        }
        return detail.build();
    }

    static ImageIdentifier imageId(String digest, String tag) {
        return ImageIdentifier.builder().imageDigest(digest).imageTag(tag).build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }
}
