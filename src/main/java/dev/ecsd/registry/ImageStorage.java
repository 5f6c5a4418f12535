package dev.ecsd.registry;

import java.util.Optional;

/**
 * What the image side asks of the registry itself: where Docker reaches it, and the manifest operations of the ECR
 * API that change or read what is stored (PutImage, BatchGetImage, BatchDeleteImage, lifecycle expiry).
 */
public interface ImageStorage {
    /** Whether the registry program runs; when it does not, the ECR API still answers and pushes are refused. */
    boolean available();

    /** The {@code host:port} Docker pushes to and pulls from; a repository's URI is {@code <address>/<region>/<name>}. */
    String address();

    /** Writes a manifest under a tag (PutImage) and returns it with its digest; the registry validates it. */
    ManifestBody putManifest(String region, String name, String tag, String mediaType, byte[] manifest);

    /** The manifest a tag or digest names, empty when there is none. */
    Optional<ManifestBody> manifest(String region, String name, String reference);

    /** Deletes the manifest of a digest, and with it every tag naming it; nothing happens when it is gone already. */
    void deleteManifest(String region, String name, String digest);
}
