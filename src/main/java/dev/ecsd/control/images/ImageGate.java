package dev.ecsd.control.images;

import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.registry.RegistryGate;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The image side of one region as the registry's front sees it: which ECR tokens log in to this region, which of its
 * repositories exist, which tags an IMMUTABLE repository refuses, and the images pushes make. A request for another
 * region is not this gate's: it answers as if nothing existed there.
 */
public final class ImageGate implements RegistryGate {
    private final StateStore store;
    private final String region;
    private final String accountId;
    private final EcrTokens tokens;
    private final InstantSource clock;

    public ImageGate(StateStore store, String region, String accountId, EcrTokens tokens, InstantSource clock) {
        this.store = store;
        this.region = region;
        this.accountId = accountId;
        this.tokens = tokens;
        this.clock = clock;
    }

    public String region() {
        return region;
    }

    @Override
    public Optional<Login> login(String username, String password) {
        if (!EcrTokens.USER.equals(username)) {
            return Optional.empty();
        }
        return tokens.open(password)
                .filter(claims -> claims.region().equals(region) && claims.accountId().equals(accountId))
                .filter(claims -> clock.instant().isBefore(claims.expiresAt()))
                .map(claims -> new Login(claims.accountId(), claims.region()));
    }

    @Override
    public boolean repositoryExists(String requestRegion, String name) {
        return region.equals(requestRegion) && repository(name).isPresent();
    }

    @Override
    public Optional<String> refuseManifest(String requestRegion, String name, String reference) {
        if (!region.equals(requestRegion)) {
            return Optional.of(EcrMessages.repositoryNotFound(name, accountId));
        }
        Optional<Repository> repository = repository(name);
        if (repository.isEmpty()) {
            return Optional.of(EcrMessages.repositoryNotFound(name, accountId));
        }
        if (RepositoryImages.isDigest(reference)) {
            return Optional.empty();
        }
        return RepositoryImages.immutableTagRefusal(store.snapshot(), repository.get(), reference);
    }

    @Override
    public void manifestPushed(String requestRegion, String name, String reference, ManifestBody manifest) {
        if (!region.equals(requestRegion)) {
            return;
        }
        store.write(tx -> {
            if (tx.find(Kind.ECR_REPOSITORY, name).isEmpty()) {
                // deleted while the push was under way: nothing to record it in
                return null;
            }
            return RepositoryImages.recordPush(tx, name,
                    RepositoryImages.isDigest(reference) ? null : reference, manifest);
        });
    }

    private Optional<Repository> repository(String name) {
        return store.snapshot().find(Kind.ECR_REPOSITORY, name);
    }
}
