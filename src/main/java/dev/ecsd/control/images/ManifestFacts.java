package dev.ecsd.control.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsd.model.ModelJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What ECR reports of an image that it reads from the manifest: the manifest's media type, the artifact's (its
 * config's) media type, its size, and for a manifest list or index the digests of the manifests it names.
 *
 * @param imageSizeInBytes the sum of the layers' and the config's sizes; 0 for a list, whose size is its images'
 */
public record ManifestFacts(String mediaType, String artifactMediaType, long imageSizeInBytes,
        List<String> childDigests) {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    public ManifestFacts {
        childDigests = List.copyOf(childDigests);
    }

    public boolean isList() {
        return !childDigests.isEmpty() || DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }

    /**
     * The facts of a manifest's text, or empty when it is not a JSON object. {@code givenMediaType} (the registry's
     * Content-Type, or PutImage's imageManifestMediaType) is used when the manifest does not name its own.
     */
    public static Optional<ManifestFacts> read(byte[] manifest, String givenMediaType) {
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(new String(manifest, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String mediaType = root.path("mediaType").isTextual() ? root.get("mediaType").asText() : givenMediaType;
        if (mediaType == null) {
            mediaType = root.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        }
        List<String> children = new ArrayList<>();
        for (JsonNode child : root.path("manifests")) {
            if (child.path("digest").isTextual()) {
                children.add(child.get("digest").asText());
            }
        }
        JsonNode config = root.path("config");
        String artifactMediaType = config.path("mediaType").isTextual() ? config.get("mediaType").asText() : null;
        long size = config.path("size").asLong(0);
        for (JsonNode layer : root.path("layers")) {
            size += layer.path("size").asLong(0);
        }
        return Optional.of(new ManifestFacts(mediaType, artifactMediaType, size, children));
    }
}
