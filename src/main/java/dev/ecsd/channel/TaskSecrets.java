package dev.ecsd.channel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's secrets as the control plane resolved them when the task was handed to its agent: each container's
 * secret environment variables and the credentials its image is pulled with, or why they could not be resolved.
 * Held in memory only, never persisted; its {@code toString} names the variables but never shows a value.
 *
 * @param environments container name → (variable name → value)
 * @param registryCredentials container name → the credentials its image is pulled with
 * @param failure ECS's stoppedReason when a secret could not be resolved, else null
 * @param imageLocations container name → where its image is pulled from and run, when not where its name says (an
 *                       image of this server's ECR repositories lives in its own registry)
 */
public record TaskSecrets(Map<String, Map<String, String>> environments,
        Map<String, RegistryCredentials> registryCredentials, String failure, Map<String, String> imageLocations) {
    public static final TaskSecrets NONE = new TaskSecrets(Map.of(), Map.of(), null);

    public TaskSecrets {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        environments.forEach((container, env) -> copy.put(container, Map.copyOf(env)));
        environments = Map.copyOf(copy);
        registryCredentials = Map.copyOf(registryCredentials);
        imageLocations = Map.copyOf(imageLocations);
    }

    public TaskSecrets(Map<String, Map<String, String>> environments,
            Map<String, RegistryCredentials> registryCredentials, String failure) {
        this(environments, registryCredentials, failure, Map.of());
    }

    public TaskSecrets(Map<String, Map<String, String>> environments, String failure) {
        this(environments, Map.of(), failure);
    }

    public static TaskSecrets failed(String reason) {
        return new TaskSecrets(Map.of(), Map.of(), reason);
    }

    public boolean failed() {
        return failure != null;
    }

    /** The credentials the image of one container is pulled with, or null when it names none. */
    public RegistryCredentials registryCredentials(String containerName) {
        return registryCredentials.get(containerName);
    }

    /** Where the image of one container is pulled from and run: its location when it has one, else its name. */
    public String imageLocation(String containerName, String image) {
        return imageLocations.getOrDefault(containerName, image);
    }

    /** These secrets with the images of some containers pulled from elsewhere, each with its registry's login. */
    public TaskSecrets withImagesFrom(Map<String, String> locations, Map<String, RegistryCredentials> logins) {
        if (failed() || locations.isEmpty()) {
            return this;
        }
        Map<String, RegistryCredentials> credentials = new LinkedHashMap<>(registryCredentials);
        credentials.putAll(logins);
        Map<String, String> moved = new LinkedHashMap<>(imageLocations);
        moved.putAll(locations);
        return new TaskSecrets(environments, credentials, null, moved);
    }

    /** The secret environment of one container (empty when it has none). */
    public Map<String, String> environment(String containerName) {
        return environments.getOrDefault(containerName, Map.of());
    }

    @Override
    public String toString() {
        Map<String, Object> names = new LinkedHashMap<>();
        environments.forEach((container, env) -> names.put(container, env.keySet()));
        return "TaskSecrets[" + (failure != null ? "failure=" + failure
                : "variables=" + names + ", registryCredentials=" + registryCredentials.keySet()
                        + ", imageLocations=" + imageLocations) + "]";
    }
}
