package dev.ecsd.agent;

import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskEndpointIds;
import dev.ecsd.channel.TaskSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the agent adds to a container's environment beyond its definition: the task endpoint's variables, as the ECS
 * agent sets them, and the container's resolved secrets. Its {@code toString} shows no value.
 *
 * @param endpointPort the task endpoint's port on 127.0.0.1, or -1 when this agent runs none
 */
record ContainerEnvironment(TaskSecrets secrets, TaskEndpointIds ids, String networkMode, int endpointPort) {
    /** The address containers reach the task endpoint at, redirected by the host to the agent's listener. */
    static final String ENDPOINT_ADDRESS = "169.254.170.2";
    static final ContainerEnvironment NONE = new ContainerEnvironment(TaskSecrets.NONE, TaskEndpointIds.NONE, null, -1);

    static ContainerEnvironment of(TaskAssignment assignment, int endpointPort) {
        return new ContainerEnvironment(assignment.secrets(), assignment.endpoint(),
                assignment.definition() == null ? null : assignment.definition().effectiveNetworkMode(), endpointPort);
    }

    /** The variables of one container: the endpoint's first, then its secrets (which win, as a task's own do). */
    Map<String, String> of(String containerName) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (endpointPort >= 0) {
            // a container on the host's network has no address of its own to redirect: it calls the listener itself
            boolean host = "host".equals(networkMode);
            String base = host ? "http://127.0.0.1:" + endpointPort : "http://" + ENDPOINT_ADDRESS;
            if (ids.hasCredentials()) {
                String path = "/v2/credentials/" + ids.credentialsId();
                environment.put(host ? "AWS_CONTAINER_CREDENTIALS_FULL_URI" : "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                        host ? base + path : path);
            }
            String metadataId = ids.metadataId(containerName);
            if (metadataId != null) {
                environment.put("ECS_CONTAINER_METADATA_URI", base + "/v3/" + metadataId);
                environment.put("ECS_CONTAINER_METADATA_URI_V4", base + "/v4/" + metadataId);
                environment.put("ECS_AGENT_URI", base + "/api/" + metadataId);
            }
        }
        environment.putAll(secrets.environment(containerName));
        return environment;
    }

    @Override
    public String toString() {
        return "ContainerEnvironment[" + secrets + ", endpointPort=" + endpointPort + "]";
    }
}
