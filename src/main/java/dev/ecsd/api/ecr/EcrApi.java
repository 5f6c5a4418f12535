package dev.ecsd.api.ecr;

import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.registry.ImageStorage;
import dev.ecsd.state.StateStore;
import java.time.InstantSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.StartLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.TagResourceRequest;
import software.amazon.awssdk.services.ecr.model.UntagResourceRequest;

/**
 * Amazon ECR on the shared endpoint (AWS JSON 1.1, {@code ecr}): one region's repositories and images, whose
 * manifests the registry ({@link ImageStorage}) holds and Docker pushes to and pulls from.
 */
public final class EcrApi {
    public static final String SIGNING_NAME = "ecr";
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";

    private EcrApi() {
    }

    public static ServiceProtocols service(StateStore store, String region, String accountId, ImageStorage storage,
            EcrTokens tokens, InstantSource clock) {
        EcrScope scope = new EcrScope(store, region, accountId, storage);
        RepositoryOperations repositories = new RepositoryOperations(scope);
        ImageQueries queries = new ImageQueries(scope);
        ImageWrites writes = new ImageWrites(scope);
        PolicyOperations policies = new PolicyOperations(scope);
        LifecyclePreviews previews = new LifecyclePreviews(scope);
        EcrTags tags = new EcrTags(scope);
        RegistryOperations registry = new RegistryOperations(scope, tokens, clock);
        return ServiceProtocols.builder(SIGNING_NAME, EcrClient.class)
                .awsJson(TARGET_PREFIX)
                .add(JsonOperation.of("CreateRepository", CreateRepositoryRequest::builder,
                        repositories::createRepository, "repositoryName"))
                .add(JsonOperation.of("DescribeRepositories", DescribeRepositoriesRequest::builder,
                        repositories::describeRepositories))
                .add(JsonOperation.of("DeleteRepository", DeleteRepositoryRequest::builder,
                        repositories::deleteRepository, "repositoryName"))
                .add(JsonOperation.of("PutImageTagMutability", PutImageTagMutabilityRequest::builder,
                        repositories::putImageTagMutability, "repositoryName", "imageTagMutability"))
                .add(JsonOperation.of("DescribeImages", DescribeImagesRequest::builder, queries::describeImages,
                        "repositoryName"))
                .add(JsonOperation.of("ListImages", ListImagesRequest::builder, queries::listImages,
                        "repositoryName"))
                .add(JsonOperation.of("BatchGetImage", BatchGetImageRequest::builder, queries::batchGetImage,
                        "repositoryName", "imageIds"))
                .add(JsonOperation.of("PutImage", PutImageRequest::builder, writes::putImage, "repositoryName",
                        "imageManifest"))
                .add(JsonOperation.of("BatchDeleteImage", BatchDeleteImageRequest::builder,
                        writes::batchDeleteImage, "repositoryName", "imageIds"))
                .add(JsonOperation.of("SetRepositoryPolicy", SetRepositoryPolicyRequest::builder,
                        policies::setRepositoryPolicy, "repositoryName", "policyText"))
                .add(JsonOperation.of("GetRepositoryPolicy", GetRepositoryPolicyRequest::builder,
                        policies::getRepositoryPolicy, "repositoryName"))
                .add(JsonOperation.of("DeleteRepositoryPolicy", DeleteRepositoryPolicyRequest::builder,
                        policies::deleteRepositoryPolicy, "repositoryName"))
                .add(JsonOperation.of("PutLifecyclePolicy", PutLifecyclePolicyRequest::builder,
                        policies::putLifecyclePolicy, "repositoryName", "lifecyclePolicyText"))
                .add(JsonOperation.of("GetLifecyclePolicy", GetLifecyclePolicyRequest::builder,
                        policies::getLifecyclePolicy, "repositoryName"))
                .add(JsonOperation.of("DeleteLifecyclePolicy", DeleteLifecyclePolicyRequest::builder,
                        policies::deleteLifecyclePolicy, "repositoryName"))
                .add(JsonOperation.of("StartLifecyclePolicyPreview", StartLifecyclePolicyPreviewRequest::builder,
                        previews::start, "repositoryName"))
                .add(JsonOperation.of("GetLifecyclePolicyPreview", GetLifecyclePolicyPreviewRequest::builder,
                        previews::get, "repositoryName"))
                .add(JsonOperation.of("TagResource", TagResourceRequest::builder, tags::tagResource, "resourceArn",
                        "tags"))
                .add(JsonOperation.of("UntagResource", UntagResourceRequest::builder, tags::untagResource,
                        "resourceArn", "tagKeys"))
                .add(JsonOperation.of("ListTagsForResource", ListTagsForResourceRequest::builder,
                        tags::listTagsForResource, "resourceArn"))
                .add(JsonOperation.ofCaller("GetAuthorizationToken", GetAuthorizationTokenRequest::builder,
                        registry::getAuthorizationToken))
                .add(JsonOperation.of("DescribeRegistry", DescribeRegistryRequest::builder,
                        registry::describeRegistry))
                .build();
    }
}
