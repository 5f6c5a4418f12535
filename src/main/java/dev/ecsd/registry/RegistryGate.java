package dev.ecsd.registry;

import java.util.Optional;

/**
 * What the registry front asks the image side (ECR's repositories and images) about each Docker request, before
 * and after passing it to the registry. The front knows the wire of the distribution API; this side knows which
 * tokens, repositories and tags exist. A repository {@code name} here is ECR's name (it may hold slashes); the
 * registry stores it under {@code <region>/<name>}.
 */
public interface RegistryGate {
    /** The account and region an ECR token was issued for. */
    record Login(String accountId, String region) {
    }

    /** The login a basic-auth user and password stand for (ECR's {@code AWS} and a token), empty when not valid. */
    Optional<Login> login(String username, String password);

    /** Whether a repository exists in a region; requests for one that does not are refused as ECR refuses them. */
    boolean repositoryExists(String region, String name);

    /**
     * Why a manifest may not be written under {@code reference} (a tag or a digest), empty when it may: a tag that
     * already names an image in an IMMUTABLE repository is refused, at push time as in PutImage.
     */
    Optional<String> refuseManifest(String region, String name, String reference);

    /** A manifest the registry accepted under {@code reference}: the image side records the image it makes. */
    void manifestPushed(String region, String name, String reference, ManifestBody manifest);
}
