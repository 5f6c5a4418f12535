package dev.ecsd.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a distribution API path under {@code /v2/} names: the region and ECR repository name (which may hold
 * slashes) of {@code /v2/<region>/<name...>/<kind>/<reference>}, and what of the repository it is about.
 *
 * @param reference a manifest's tag or digest, a blob's digest, an upload's id; empty for tags and a new upload
 */
public record RegistryPath(String region, String name, Kind kind, String reference) {

    /** The part of a repository a request is about. */
    public enum Kind {
        MANIFEST, BLOB, UPLOAD, TAGS
    }

    /** The repository as the registry stores it: {@code <region>/<name>}. */
    public String repository() {
        return region + "/" + name;
    }

    /**
     * The repository request a decoded path names, empty for any other path ({@code /v2/}, {@code /v2/_catalog},
     * one without a region and a name).
     */
    public static Optional<RegistryPath> parse(String path) {
        if (!path.startsWith("/v2/")) {
            return Optional.empty();
        }
        String[] segments = path.substring("/v2/".length()).split("/", -1);
        int n = segments.length;
        if (n >= 2 && segments[n - 1].isEmpty() && segments[n - 2].equals("uploads")) {
            // POST /v2/<repository>/blobs/uploads/: a new upload
            segments = Arrays.copyOf(segments, --n);
        }
        if (n < 4) {
            return Optional.empty();
        }
        String last = segments[n - 1];
        String previous = segments[n - 2];
        if (previous.equals("tags") && last.equals("list")) {
            return of(segments, n - 2, Kind.TAGS, "");
        }
        if (previous.equals("manifests") && !last.isEmpty()) {
            return of(segments, n - 2, Kind.MANIFEST, last);
        }
        if (previous.equals("blobs") && last.equals("uploads")) {
            return of(segments, n - 2, Kind.UPLOAD, "");
        }
        if (n >= 5 && segments[n - 3].equals("blobs") && previous.equals("uploads") && !last.isEmpty()) {
            return of(segments, n - 3, Kind.UPLOAD, last);
        }
        if (previous.equals("blobs") && !last.isEmpty()) {
            return of(segments, n - 2, Kind.BLOB, last);
        }
        return Optional.empty();
    }

    /** Segment 0 is the region, segments 1 to {@code end} (exclusive) the name, none of them empty. */
    private static Optional<RegistryPath> of(String[] segments, int end, Kind kind, String reference) {
        if (end < 2) {
            return Optional.empty();
        }
        for (int i = 0; i < end; i++) {
            if (segments[i].isEmpty()) {
                return Optional.empty();
            }
        }
        String name = String.join("/", Arrays.copyOfRange(segments, 1, end));
        return Optional.of(new RegistryPath(segments[0], name, kind, reference));
    }
}
