package dev.ecsd.channel;

import java.util.Map;

/**
 * The unguessable ids under which the task endpoint (169.254.170.2) answers for one task: its role credentials (null
 * when the task has no task role) and each container's metadata. The control plane derives them from the task's ARN
 * under a key of its own, so they stay the same across a restart and a task adopted afterwards keeps working.
 *
 * @param credentialsId the id in {@code /v2/credentials/<id>}, or null
 * @param metadataIds   container name → the id in {@code /v3/<id>} and {@code /v4/<id>}
 */
public record TaskEndpointIds(String credentialsId, Map<String, String> metadataIds) {
    public static final TaskEndpointIds NONE = new TaskEndpointIds(null, Map.of());

    public TaskEndpointIds {
        metadataIds = metadataIds == null ? Map.of() : Map.copyOf(metadataIds);
    }

    public boolean hasCredentials() {
        return credentialsId != null;
    }

    /** The metadata id of one container, or null. */
    public String metadataId(String containerName) {
        return metadataIds.get(containerName);
    }
}
