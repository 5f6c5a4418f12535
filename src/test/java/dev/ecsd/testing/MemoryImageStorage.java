package dev.ecsd.testing;

import dev.ecsd.registry.ImageStorage;
import dev.ecsd.registry.ManifestBody;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry in memory, for tests of the image side: it keeps manifests by {@code <region>/<name>} and digest, and
 * tags naming digests, as the distribution registry does; it checks no layers.
 */
public final class MemoryImageStorage implements ImageStorage {
    public static final String ADDRESS = "127.0.0.1:45999";

    private final Map<String, ManifestBody> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private volatile boolean available = true;

    @Override
    public boolean available() {
        return available;
    }

    public void available(boolean running) {
        this.available = running;
    }

    @Override
    public String address() {
        return ADDRESS;
    }

    @Override
    public ManifestBody putManifest(String region, String name, String tag, String mediaType, byte[] manifest) {
        ManifestBody body = new ManifestBody(digest(manifest), mediaType, manifest.clone());
        manifests.put(key(region, name, body.digest()), body);
        if (!tag.startsWith("sha256:")) {
            tags.put(key(region, name, tag), body.digest());
        }
        return body;
    }

    @Override
    public Optional<ManifestBody> manifest(String region, String name, String reference) {
        String digest = reference.startsWith("sha256:") ? reference : tags.get(key(region, name, reference));
        return digest == null ? Optional.empty() : Optional.ofNullable(manifests.get(key(region, name, digest)));
    }

    @Override
    public void deleteManifest(String region, String name, String digest) {
        manifests.remove(key(region, name, digest));
        tags.values().removeIf(digest::equals);
    }

    /** Whether the registry holds a manifest of a digest. */
    public boolean holds(String region, String name, String digest) {
        return manifests.containsKey(key(region, name, digest));
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String region, String name, String reference) {
        return region + "/" + name + ":" + reference;
    }
}
