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
 * {@code repositoryCredentials} gave (the first one any container sharing the image names). An image the control
 * plane placed elsewhere (one of its ECR repositories: {@link TaskSecrets#imageLocation}) is pulled from there at
 * every start unless it is named by a digest the engine holds, as the ECS agent's default pull behaviour does: the
 * tag may have moved, and the engine fetches only the layers it lacks.
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
    static boolean createFirst(TaskSecrets secrets) {
        return secrets.imageLocations().isEmpty();
    }

    /** Whether every image of the task is on the host already and none is to be pulled anyway. */
    static boolean allPresent(ContainerRuntime runtime, TaskDefinition definition, TaskSecrets secrets) {
        return definition.containerDefinitions().stream().allMatch(c -> !toPull(runtime, c, secrets));
    }

    /** Where a container's image is pulled from and created from: its location, else its name. */
    static String location(ContainerDefinition container, TaskSecrets secrets) {
        return secrets.imageLocation(container.name(), container.image());
    }

    private static boolean toPull(ContainerRuntime runtime, ContainerDefinition container, TaskSecrets secrets) {
        String image = location(container, secrets);
        boolean elsewhere = secrets.imageLocations().containsKey(container.name());
        return elsewhere && !image.contains("@sha256:") || !runtime.hasImage(image);
    }

    static Optional<Failure> pullMissing(ContainerRuntime runtime, TaskDefinition definition, TaskSecrets secrets) {
        Map<String, String> firstContainer = new LinkedHashMap<>();
        Map<String, RegistryAuth> logins = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            String image = location(container, secrets);
            if (!firstContainer.containsKey(image) && toPull(runtime, container, secrets)) {
                firstContainer.put(image, container.name());
            }
            RegistryCredentials credentials = secrets.registryCredentials(container.name());
            if (credentials != null && !logins.containsKey(image)) {
                logins.put(image, new RegistryAuth(credentials.username(), credentials.password()));
            }
        }
        for (Map.Entry<String, String> image : firstContainer.entrySet()) {
            try {
                runtime.pullImage(image.getKey(), logins.get(image.getKey()));
            } catch (RuntimeFailure e) {
                return Optional.of(new Failure(image.getValue(), StopReasons.cannotPull(StopReasons.inEngineWords(e))));
            }
        }
        return Optional.empty();
    }
}
