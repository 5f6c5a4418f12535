package dev.ecsd.control.images;

import dev.ecsd.channel.RegistryCredentials;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Lists;
import dev.ecsd.model.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How an agent pulls the images of a task that live in this server's ECR repositories: from this server's registry,
 * at the path it stores the repository at, logged in with a fresh ECR token of the repository's region — what the
 * ECS agent does with the task execution role's {@code ecr:GetAuthorizationToken}. Pure: the token comes from
 * {@code tokens}.
 *
 * @param accountId the account whose ECR host names this server's repositories
 * @param address   the registry's {@code host:port}, as the agents' engines reach it (known once the API listens)
 * @param tokens    region → a token for the registry's {@code AWS} login
 */
public record EcrPulls(String accountId, Supplier<String> address, Function<String, String> tokens) {
    /** The access key id a token made for an agent's pull carries: the agent's, as the execution role's on ECS. */
    public static final String AGENT_KEY = "ecsd-agent";

    /** The ECR login's user name: always {@code AWS}, the token is the password. */
    public static final String USER = "AWS";

    /** Whether any container of {@code definition} runs an image of this server's ECR repositories. */
    public boolean anyIn(TaskDefinition definition) {
        return definition != null && Lists.orEmpty(definition.containerDefinitions()).stream()
                .anyMatch(c -> name(c, address.get()).isPresent());
    }

    /** {@code secrets} with each ECR image's location and login added; a container's own credentials yield to them. */
    public TaskSecrets addTo(TaskSecrets secrets, TaskDefinition definition) {
        Map<String, String> locations = new LinkedHashMap<>();
        Map<String, RegistryCredentials> logins = new LinkedHashMap<>();
        String registry = address.get();
        Map<String, String> tokenOfRegion = new LinkedHashMap<>();
        for (ContainerDefinition container : Lists.orEmpty(definition.containerDefinitions())) {
            name(container, registry).ifPresent(image -> {
                locations.put(container.name(), image.location(registry));
                String token = tokenOfRegion.computeIfAbsent(image.region(), tokens);
                logins.put(container.name(), new RegistryCredentials(USER, token));
            });
        }
        return secrets.withImagesFrom(locations, logins);
    }

    private Optional<EcrImageName> name(ContainerDefinition container, String registry) {
        return container.image() == null ? Optional.empty()
                : EcrImageName.parse(container.image(), accountId, registry);
    }
}
