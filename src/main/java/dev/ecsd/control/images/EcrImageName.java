package dev.ecsd.control.images;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image of one of this server's ECR repositories, as a task definition names it: by ECR's own registry host
 * ({@code <account>.dkr.ecr.<region>.amazonaws.com/<name>:<tag>}) or by the repository URI this server hands out
 * ({@code <address>/<region>/<name>:<tag>}); a digest ({@code @sha256:...}) may stand for the tag. Other names are
 * not ECR's and are pulled as they are.
 *
 * @param region    the repository's region
 * @param name      the repository's name (it may hold slashes)
 * @param reference the tag, or the digest, the image is named by ({@code latest} when none is given, as Docker does)
 */
public record EcrImageName(String region, String name, String reference) {
    // ECR's registry host; the fips and China partition forms name the same registries.
    private static final Pattern ECR_HOST = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d");

    /**
     * The ECR repository image {@code image} names, when it is one of this server's: ECR's host with this
     * {@code accountId}, or this server's registry {@code address} followed by a region.
     */
    public static Optional<EcrImageName> parse(String image, String accountId, String address) {
        int slash = image.indexOf('/');
        if (image.isBlank() || slash <= 0) {
            return Optional.empty();
        }
        String host = image.substring(0, slash);
        String rest = image.substring(slash + 1);
        Matcher ecr = ECR_HOST.matcher(host);
        if (ecr.matches()) {
            return ecr.group(1).equals(accountId) ? split(ecr.group(2), rest) : Optional.empty();
        }
        if (address != null && host.equals(address)) {
            int next = rest.indexOf('/');
            if (next > 0 && REGION.matcher(rest.substring(0, next)).matches()) {
                return split(rest.substring(0, next), rest.substring(next + 1));
            }
        }
        return Optional.empty();
    }

    /** Where the image is pulled from and run: this server's registry, by the path it stores the repository at. */
    public String location(String address) {
        return address + "/" + region + "/" + name + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    }

    /** Whether the image is named by its digest, which the engine need not pull again when it holds it. */
    public boolean byDigest() {
        return reference.startsWith("sha256:");
    }

    private static Optional<EcrImageName> split(String region, String path) {
        int at = path.indexOf('@');
        if (at >= 0) {
            return named(region, path.substring(0, at), path.substring(at + 1));
        }
        int colon = path.lastIndexOf(':');
        if (colon > path.lastIndexOf('/')) {
            return named(region, path.substring(0, colon), path.substring(colon + 1));
        }
        return named(region, path, "latest");
    }

    private static Optional<EcrImageName> named(String region, String name, String reference) {
        return name.isEmpty() || reference.isEmpty() ? Optional.empty()
                : Optional.of(new EcrImageName(region, name, reference));
    }
}
