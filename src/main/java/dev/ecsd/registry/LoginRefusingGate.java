package dev.ecsd.registry;

import java.util.Optional;

/**
 * A gate that accepts no login: the registry front's gate until the image side (ECR's repositories and tokens)
 * is wired in its place. Every Docker request is answered 401.
 */
public final class LoginRefusingGate implements RegistryGate {
    @Override
    public Optional<Login> login(String username, String password) {
        return Optional.empty();
    }

    @Override
    public boolean repositoryExists(String region, String name) {
        return false;
    }

    @Override
    public Optional<String> refuseManifest(String region, String name, String reference) {
        return Optional.of("no repository accepts images: ecsd's image side is not wired");
    }

    @Override
    public void manifestPushed(String region, String name, String reference, ManifestBody manifest) {
        // nothing can be pushed through a gate that accepts no login
    }
}
