package dev.ecsd.api.ecr;

import dev.ecsd.control.images.EcrMessages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ImageStorage;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.Optional;

/**
 * One region's registry as its ECR operations see it: the region's store, the account (ECR's registry id), and the
 * registry that holds the manifests.
 */
record EcrScope(StateStore store, String region, String accountId, ImageStorage storage) {

    /** The registry id a request names, this account's when it names none. */
    String registryId(String requested) {
        EcrRequests.checkRegistryId(requested);
        return requested == null ? accountId : requested;
    }

    /** The repository a request names, checked; RepositoryNotFoundException when there is none. */
    Repository repository(Snapshot state, String registryId, String name) {
        EcrRequests.checkRepositoryName(name);
        String registry = registryId(registryId);
        return (registry.equals(accountId) ? state.find(Kind.ECR_REPOSITORY, name) : Optional.<Repository>empty())
                .orElseThrow(() -> repositoryNotFound(name, registry));
    }

    Repository repository(String registryId, String name) {
        return repository(store.snapshot(), registryId, name);
    }

    static ApiException repositoryNotFound(String name, String registryId) {
        return new ApiException(ErrorType.REPOSITORY_NOT_FOUND, EcrMessages.repositoryNotFound(name, registryId));
    }

    /** Where Docker pushes a repository's images: {@code <registry address>/<region>/<name>}. */
    String repositoryUri(String name) {
        return storage.address() + "/" + region + "/" + name;
    }

    String arn(String name) {
        return Repository.arn(region, accountId, name);
    }
}
