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

    /**
     * Whether the task's containers may be created before their images are looked at: yes while an image is pulled
     * only when missing, as here, since a create that finds no image says so ("No such image") and the pull can
     * follow. A policy that pulls images the host has already (ECS's ECS_IMAGE_PULL_BEHAVIOR=always) says no.
     */
    static boolean createFirst(TaskDefinition definition) {
        return true;
    }

    /** Whether every image of the task is on the host already, so that nothing is to be pulled. */
    static boolean allPresent(ContainerRuntime runtime, TaskDefinition definition) {
        return definition.containerDefinitions().stream().map(ContainerDefinition::image).distinct()
                .allMatch(runtime::hasImage);
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
