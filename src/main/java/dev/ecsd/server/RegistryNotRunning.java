package dev.ecsd.server;

import dev.ecsd.registry.ImageStorage;
import dev.ecsd.registry.ManifestBody;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of a server that runs none: the ECR API still answers (repositories, tokens, URIs on the API's own
 * address), and every manifest operation finds nothing or is refused.
 */
final class RegistryNotRunning implements ImageStorage {
    private final Supplier<String> address;

    RegistryNotRunning(Supplier<String> address) {
        this.address = address;
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String address() {
        return address.get();
    }

    @Override
    public ManifestBody putManifest(String region, String name, String tag, String mediaType, byte[] manifest) {
        throw new IllegalStateException("the registry is not running");
    }

    @Override
    public Optional<ManifestBody> manifest(String region, String name, String reference) {
        return Optional.empty();
    }

    @Override
    public void deleteManifest(String region, String name, String digest) {
        // nothing is stored
    }
}
