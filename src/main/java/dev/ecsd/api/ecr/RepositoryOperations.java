package dev.ecsd.api.ecr;

import dev.ecsd.api.Pages;
import dev.ecsd.control.images.RepositoryImages;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;

/** ECR repositories: CreateRepository, DescribeRepositories, DeleteRepository, PutImageTagMutability. */
final class RepositoryOperations {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryOperations.class);
    private static final Set<String> MUTABILITIES = Set.of(Repository.MUTABLE, Repository.IMMUTABLE);
    private static final Set<String> ENCRYPTION_TYPES = Set.of("AES256", "KMS", "KMS_DSSE");

    private final EcrScope scope;

    RepositoryOperations(EcrScope scope) {
        this.scope = scope;
    }

    CreateRepositoryResponse createRepository(CreateRepositoryRequest request) {
        String registryId = scope.registryId(request.registryId());
        String name = request.repositoryName();
        EcrRequests.checkRepositoryName(name);
        String mutability = mutability(request.imageTagMutabilityAsString());
        if (request.hasImageTagMutabilityExclusionFilters()) {
            // ecsd keeps the two plain settings only; the exclusion filters go with the *_WITH_EXCLUSION ones
            throw EcrRequests.invalidParameter("imageTagMutabilityExclusionFilters",
                    "ecsd supports imageTagMutability MUTABLE and IMMUTABLE only, without exclusion filters");
        }
        EncryptionConfiguration encryption = request.encryptionConfiguration();
        String encryptionType = encryption == null || encryption.encryptionTypeAsString() == null ? "AES256"
                : encryption.encryptionTypeAsString();
        if (!ENCRYPTION_TYPES.contains(encryptionType)) {
            throw EcrRequests.invalidParameter("encryptionConfiguration.encryptionType",
                    "Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]");
        }
        String kmsKey = encryption == null ? null : encryption.kmsKey();
        if (kmsKey != null && "AES256".equals(encryptionType)) {
            throw EcrRequests.invalidParameter("encryptionConfiguration",
                    "KMS key should not be specified for AES256 encryption type");
        }
        boolean scanOnPush = request.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush());
        Map<String, String> tags = EcrTags.merged(request.tags(), Map.of());
        if (!registryId.equals(scope.accountId())) {
            throw EcrScope.repositoryNotFound(name, registryId);
        }
        Repository created = scope.store().write(tx -> {
            if (tx.find(Kind.ECR_REPOSITORY, name).isPresent()) {
                throw EcrRequests.repositoryAlreadyExists(name, registryId);
            }
            return tx.put(Kind.ECR_REPOSITORY, new Repository(scope.arn(name), name, scope.accountId(), tx.now(),
                    mutability, scanOnPush, encryptionType, kmsKey, tags, null, null, null));
        });
        return CreateRepositoryResponse.builder().repository(EcrMapper.repository(scope, created)).build();
    }

    DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest request) {
        String registryId = scope.registryId(request.registryId());
        Snapshot state = scope.store().snapshot();
        if (request.hasRepositoryNames()) {
            if (request.maxResults() != null || request.nextToken() != null) {
                throw EcrRequests.invalidParameter("maxResults", "maxResults and nextToken cannot be used when "
                        + "repositoryNames are specified");
            }
            List<software.amazon.awssdk.services.ecr.model.Repository> found = new ArrayList<>();
            for (String name : request.repositoryNames()) {
                found.add(EcrMapper.repository(scope, scope.repository(state, registryId, name)));
            }
            return DescribeRepositoriesResponse.builder().repositories(found).build();
        }
        List<Repository> all = registryId.equals(scope.accountId())
                ? state.all(Kind.ECR_REPOSITORY).sorted(Comparator.comparing(Repository::repositoryName)).toList()
                : List.of();
        Pages.Page<Repository> page = Pages.page(all, Repository::repositoryName, Comparator.naturalOrder(),
                EcrRequests.maxResults(request.maxResults()), request.nextToken(), EcrRequests::invalidNextToken);
        return DescribeRepositoriesResponse.builder()
                .repositories(page.items().stream().map(r -> EcrMapper.repository(scope, r)).toList())
                .nextToken(page.nextToken()).build();
    }

    /**
     * Deletes a repository; one with images only with {@code force}, which deletes them from the registry first so
     * that a repository made later under the same name starts empty.
     */
    DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest request) {
        String registryId = scope.registryId(request.registryId());
        String name = request.repositoryName();
        boolean force = Boolean.TRUE.equals(request.force());
        Repository repository = scope.repository(registryId, name);
        List<Image> images = RepositoryImages.of(scope.store().snapshot(), name);
        if (!images.isEmpty() && !force) {
            throw EcrRequests.repositoryNotEmpty(name, registryId);
        }
        if (scope.storage().available()) {
            for (Image image : images) {
                scope.storage().deleteManifest(scope.region(), name, image.imageDigest());
            }
        } else if (!images.isEmpty()) {
            LOG.warn("the registry is not running: the manifests of repository {} stay in its storage", name);
        }
        scope.store().write(tx -> {
            if (tx.find(Kind.ECR_REPOSITORY, name).isEmpty()) {
                throw EcrScope.repositoryNotFound(name, registryId);
            }
            List<Image> now = RepositoryImages.of(tx.state(), name);
            if (!now.isEmpty() && !force) {
                throw EcrRequests.repositoryNotEmpty(name, registryId);
            }
            now.forEach(image -> tx.delete(Kind.ECR_IMAGE, image.key()));
            tx.delete(Kind.ECR_REPOSITORY, name);
            return null;
        });
        return DeleteRepositoryResponse.builder().repository(EcrMapper.repository(scope, repository)).build();
    }

    PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest request) {
        String registryId = scope.registryId(request.registryId());
        String mutability = mutability(request.imageTagMutabilityAsString());
        if (request.imageTagMutabilityAsString() == null) {
            throw EcrRequests.invalidParameter("imageTagMutability", "Member must not be null");
        }
        scope.store().write(tx -> tx.put(Kind.ECR_REPOSITORY,
                scope.repository(tx.state(), registryId, request.repositoryName())
                        .withImageTagMutability(mutability)));
        return PutImageTagMutabilityResponse.builder().registryId(registryId)
                .repositoryName(request.repositoryName()).imageTagMutability(mutability).build();
    }

    private static String mutability(String requested) {
        if (requested == null) {
            return Repository.MUTABLE;
        }
        if (!MUTABILITIES.contains(requested)) {
            throw EcrRequests.invalidParameter("imageTagMutability",
                    "Member must satisfy enum value set: [MUTABLE, IMMUTABLE]");
        }
        return requested;
    }
}
