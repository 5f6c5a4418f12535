package dev.ecsd.registry;

/** One image manifest as the registry holds it: its digest ({@code sha256:...}), media type and bytes. */
public record ManifestBody(String digest, String mediaType, byte[] body) {
}
