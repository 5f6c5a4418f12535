package dev.ecsd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The image side's access to the child registry, over its HTTP API on loopback. A manifest the registry refuses
 * (not valid, a layer it lacks) is an {@link IllegalArgumentException} with the registry's code and message; a
 * registry that does not run or fails is an {@link IllegalStateException}.
 */
public final class RegistryStorage implements ImageStorage {
    /** What a read accepts: Docker's and OCI's manifests and indexes, so a manifest comes back as it was pushed. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");
    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryProcess registry;
    private final Supplier<String> address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Storage in {@code registry}, which Docker reaches at {@code address} ({@code host:port}, known once serving). */
    public RegistryStorage(RegistryProcess registry, Supplier<String> address) {
        this.registry = registry;
        this.address = address;
    }

    /**
     * The {@code host:port} Docker reaches ecsd's API at, for a bind address and port: 127.0.0.1 for loopback and
     * wildcard binds, since Docker trusts 127.0.0.0/8 over plain HTTP without daemon configuration.
     */
    public static String addressOf(String bindAddress, int port) {
        boolean wildcard = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
        boolean loopback = bindAddress.equals("localhost") || bindAddress.startsWith("127.")
                || bindAddress.equals("::1") || bindAddress.equals("[::1]");
        if (wildcard || loopback) {
            return "127.0.0.1:" + port;
        }
        return (bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress)
                + ":" + port;
    }

    @Override
    public boolean available() {
        return registry.available();
    }

    @Override
    public String address() {
        return address.get();
    }

    @Override
    public ManifestBody putManifest(String region, String name, String tag, String mediaType, byte[] manifest) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(region, name, tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        if (response.statusCode() == 201) {
            String digest = response.headers().firstValue(DIGEST_HEADER).orElseThrow(() -> new IllegalStateException(
                    "the registry stored a manifest without saying its digest"));
            return new ManifestBody(digest, mediaType, manifest.clone());
        }
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            throw new IllegalArgumentException(errorOf(response));
        }
        throw new IllegalStateException("the registry answered " + response.statusCode() + ": " + errorOf(response));
    }

    @Override
    public Optional<ManifestBody> manifest(String region, String name, String reference) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(region, name, reference))
                .header("Accept", ACCEPT).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the registry answered " + response.statusCode() + ": "
                    + errorOf(response));
        }
        String digest = response.headers().firstValue(DIGEST_HEADER).orElseThrow(() -> new IllegalStateException(
                "the registry answered a manifest without its digest"));
        String mediaType = response.headers().firstValue("Content-Type").orElse("");
        return Optional.of(new ManifestBody(digest, mediaType, response.body()));
    }

    @Override
    public void deleteManifest(String region, String name, String digest) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(region, name, digest)).DELETE());
        if (response.statusCode() != 202 && response.statusCode() != 404) {
            throw new IllegalStateException("the registry answered " + response.statusCode() + ": "
                    + errorOf(response));
        }
    }

    private URI uri(String region, String name, String reference) {
        int port = registry.port();
        if (port <= 0) {
            throw new IllegalStateException(registry.installed()
                    ? "ecsd's image registry is not running; it is being restarted" : RegistryProcess.INSTALL_ADVICE);
        }
        return URI.create("http://127.0.0.1:" + port + "/v2/" + region + "/" + name + "/manifests/" + reference);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("ecsd's image registry did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the image registry", e);
        }
    }

    /** The registry's first error, as {@code CODE: message}, or its status when its body says nothing. */
    private static String errorOf(HttpResponse<byte[]> response) {
        try {
            JsonNode first = JSON.readTree(response.body()).path("errors").path(0);
            if (first.has("code")) {
                return first.path("code").asText() + ": " + first.path("message").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return "HTTP " + response.statusCode();
    }
}
