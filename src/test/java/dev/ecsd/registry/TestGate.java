package dev.ecsd.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gate for tests of the registry front: one token of account 000000000000 in us-east-1, a few repositories, the
 * tag {@code fixed} immutable once pushed, and every manifest the registry accepted, in order.
 */
final class TestGate implements RegistryGate {
    static final String TOKEN = "test-ecr-token";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final String IMMUTABLE_TAG = "fixed";

    /** One manifest the front reported pushed. */
    record Push(String region, String name, String reference, ManifestBody manifest) {
    }

    private final Set<String> repositories;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final Set<String> immutableTagsPushed = ConcurrentHashMap.newKeySet();

    TestGate(String... repositories) {
        this.repositories = Set.of(repositories);
    }

    @Override
    public Optional<Login> login(String username, String password) {
        return "AWS".equals(username) && TOKEN.equals(password) ? Optional.of(new Login(ACCOUNT, REGION))
                : Optional.empty();
    }

    @Override
    public boolean repositoryExists(String region, String name) {
        return REGION.equals(region) && repositories.contains(name);
    }

    @Override
    public Optional<String> refuseManifest(String region, String name, String reference) {
        if (IMMUTABLE_TAG.equals(reference) && immutableTagsPushed.contains(region + "/" + name)) {
            return Optional.of("The image tag '" + reference + "' already exists in the '" + name
                    + "' repository and cannot be overwritten because the repository is immutable.");
        }
        return Optional.empty();
    }

    @Override
    public void manifestPushed(String region, String name, String reference, ManifestBody manifest) {
        pushes.add(new Push(region, name, reference, manifest));
        if (IMMUTABLE_TAG.equals(reference)) {
            immutableTagsPushed.add(region + "/" + name);
        }
    }

    List<Push> pushes() {
        return List.copyOf(pushes);
    }
}
