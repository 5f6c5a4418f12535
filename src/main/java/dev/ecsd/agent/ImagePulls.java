package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.ContainerRuntime.RegistryAuth;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.channel.RegistryCredentials;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls the images of a task that are not present locally, each once, with the registry login its containers'
 * {@code repositoryCredentials} gave (the first one any container sharing the image names).
 */
final class ImagePulls {
    /** A pull that failed: the first container of the image, and ECS's reason. */
    record Failure(String containerName, String reason) {
    }

    private ImagePulls() {
    }

    static Optional<Failure> pullMissing(ContainerRuntime runtime, TaskDefinition definition, TaskSecrets secrets) {
        Map<String, String> firstContainer = new LinkedHashMap<>();
        Map<String, RegistryAuth> logins = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            firstContainer.putIfAbsent(container.image(), container.name());
            RegistryCredentials credentials = secrets.registryCredentials(container.name());
            if (credentials != null && !logins.containsKey(container.image())) {
                logins.put(container.image(), new RegistryAuth(credentials.username(), credentials.password()));
            }
        }
        for (Map.Entry<String, String> image : firstContainer.entrySet()) {
            if (runtime.hasImage(image.getKey())) {
                continue;
            }
            try {
                runtime.pullImage(image.getKey(), logins.get(image.getKey()));
            } catch (RuntimeFailure e) {
                return Optional.of(new Failure(image.getValue(), StopReasons.cannotPull(StopReasons.inEngineWords(e))));
            }
        }
        return Optional.empty();
    }
}
