package dev.ecsd.agent.endpoint;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.secrets.TemporaryCredentials;
import java.util.List;
import java.util.Optional;

/** What the task endpoint looks up: the agent's tasks by their endpoint ids, their containers, their credentials. */
public interface EndpointDirectory {

    /** The task whose role credentials are answered under {@code credentialsId}. */
    Optional<TaskAssignment> byCredentialsId(String credentialsId);

    /** The task and container whose metadata is answered under {@code metadataId}. */
    Optional<MetadataOwner> byMetadataId(String metadataId);

    /** Fresh credentials of the task's role, or empty when it has none or has stopped. */
    Optional<TemporaryCredentials> credentials(String taskArn);

    /** Reads ({@code enabled} null) or sets the task's scale-in protection, through the control plane. */
    TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes);

    /** The task's containers on the runtime now, its network container included. */
    List<ContainerObservation> containers(String taskArn);

    /** One container's resource use as Docker's stats JSON, or empty when it is not running. */
    Optional<String> statsJson(String runtimeId);

    /** A task's container that a metadata id stands for. */
    record MetadataOwner(TaskAssignment assignment, String containerName) {
    }
}
