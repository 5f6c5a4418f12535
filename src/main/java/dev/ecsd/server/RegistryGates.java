package dev.ecsd.server;

import dev.ecsd.control.images.EcrMessages;
import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.registry.RegistryGate;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry's one gate over every region the server serves: each question goes to the gate of the region it
 * names, and a login to the gate of the region its token was issued in. A region not started has no repositories.
 */
final class RegistryGates implements RegistryGate {
    private final Function<String, Optional<? extends RegistryGate>> regions;
    private final EcrTokens tokens;
    private final String accountId;

    RegistryGates(Function<String, Optional<? extends RegistryGate>> regions, EcrTokens tokens, String accountId) {
        this.regions = regions;
        this.tokens = tokens;
        this.accountId = accountId;
    }

    @Override
    public Optional<Login> login(String username, String password) {
        return tokens.open(password).flatMap(claims -> regions.apply(claims.region()))
                .flatMap(gate -> gate.login(username, password));
    }

    @Override
    public boolean repositoryExists(String region, String name) {
        return regions.apply(region).map(gate -> gate.repositoryExists(region, name)).orElse(false);
    }

    @Override
    public Optional<String> refuseManifest(String region, String name, String reference) {
        return regions.apply(region).map(gate -> gate.refuseManifest(region, name, reference))
                .orElseGet(() -> Optional.of(EcrMessages.repositoryNotFound(name, accountId)));
    }

    @Override
    public void manifestPushed(String region, String name, String reference, ManifestBody manifest) {
        regions.apply(region).ifPresent(gate -> gate.manifestPushed(region, name, reference, manifest));
    }
}
