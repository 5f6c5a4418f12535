package dev.ecsd.api.ecr;

import dev.ecsd.model.ecr.Repository;
import dev.ecsd.state.Kind;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.SetRepositoryPolicyResponse;

/**
 * A repository's policies, kept as the text they were set with: the repository policy (stored, not enforced: ecsd
 * has one account and no IAM) and the lifecycle policy (Put/Get/DeleteLifecyclePolicy), which the server applies
 * ({@code control/images/LifecyclePolicyController}).
 */
final class PolicyOperations {
    private final EcrScope scope;

    PolicyOperations(EcrScope scope) {
        this.scope = scope;
    }

    SetRepositoryPolicyResponse setRepositoryPolicy(SetRepositoryPolicyRequest request) {
        String registryId = scope.registryId(request.registryId());
        EcrRequests.jsonPolicy("policyText", request.policyText(), "Invalid repository policy provided");
        scope.store().write(tx -> tx.put(Kind.ECR_REPOSITORY,
                scope.repository(tx.state(), registryId, request.repositoryName())
                        .withRepositoryPolicy(request.policyText())));
        return SetRepositoryPolicyResponse.builder().registryId(registryId).repositoryName(request.repositoryName())
                .policyText(request.policyText()).build();
    }

    GetRepositoryPolicyResponse getRepositoryPolicy(GetRepositoryPolicyRequest request) {
        String registryId = scope.registryId(request.registryId());
        Repository repository = scope.repository(registryId, request.repositoryName());
        if (repository.repositoryPolicy() == null) {
            throw EcrRequests.repositoryPolicyNotFound(repository.repositoryName(), registryId);
        }
        return GetRepositoryPolicyResponse.builder().registryId(registryId)
                .repositoryName(repository.repositoryName()).policyText(repository.repositoryPolicy()).build();
    }

    DeleteRepositoryPolicyResponse deleteRepositoryPolicy(DeleteRepositoryPolicyRequest request) {
        String registryId = scope.registryId(request.registryId());
        Repository before = scope.store().write(tx -> {
            Repository repository = scope.repository(tx.state(), registryId, request.repositoryName());
            if (repository.repositoryPolicy() == null) {
                throw EcrRequests.repositoryPolicyNotFound(repository.repositoryName(), registryId);
            }
            tx.put(Kind.ECR_REPOSITORY, repository.withRepositoryPolicy(null));
            return repository;
        });
        return DeleteRepositoryPolicyResponse.builder().registryId(registryId)
                .repositoryName(before.repositoryName()).policyText(before.repositoryPolicy()).build();
    }

    /**
     * Keeps the lifecycle policy's text as given once its rules are checked as ECR checks them. Its lastEvaluatedAt
     * is cleared: the server applies the new policy soon (ECR within 24 hours) and records when it did.
     */
    PutLifecyclePolicyResponse putLifecyclePolicy(PutLifecyclePolicyRequest request) {
        String registryId = scope.registryId(request.registryId());
        EcrRequests.lifecyclePolicy(request.lifecyclePolicyText());
        scope.store().write(tx -> tx.put(Kind.ECR_REPOSITORY,
                scope.repository(tx.state(), registryId, request.repositoryName())
                        .withLifecyclePolicy(request.lifecyclePolicyText(), null)));
        return PutLifecyclePolicyResponse.builder().registryId(registryId).repositoryName(request.repositoryName())
                .lifecyclePolicyText(request.lifecyclePolicyText()).build();
    }

    GetLifecyclePolicyResponse getLifecyclePolicy(GetLifecyclePolicyRequest request) {
        String registryId = scope.registryId(request.registryId());
        Repository repository = scope.repository(registryId, request.repositoryName());
        if (repository.lifecyclePolicy() == null) {
            throw EcrRequests.lifecyclePolicyNotFound(repository.repositoryName(), registryId);
        }
        return GetLifecyclePolicyResponse.builder().registryId(registryId)
                .repositoryName(repository.repositoryName()).lifecyclePolicyText(repository.lifecyclePolicy())
                .lastEvaluatedAt(repository.lifecyclePolicyEvaluatedAt()).build();
    }

    DeleteLifecyclePolicyResponse deleteLifecyclePolicy(DeleteLifecyclePolicyRequest request) {
        String registryId = scope.registryId(request.registryId());
        Repository before = scope.store().write(tx -> {
            Repository repository = scope.repository(tx.state(), registryId, request.repositoryName());
            if (repository.lifecyclePolicy() == null) {
                throw EcrRequests.lifecyclePolicyNotFound(repository.repositoryName(), registryId);
            }
            tx.put(Kind.ECR_REPOSITORY, repository.withLifecyclePolicy(null, null));
            return repository;
        });
        return DeleteLifecyclePolicyResponse.builder().registryId(registryId)
                .repositoryName(before.repositoryName()).lifecyclePolicyText(before.lifecyclePolicy())
                .lastEvaluatedAt(before.lifecyclePolicyEvaluatedAt()).build();
    }
}
