package dev.ecsd.server;

import dev.ecsd.agent.endpoint.EndpointDirectory;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.secrets.TemporaryCredentials;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one task endpoint's directory across every region's agent: an endpoint id is looked up in each (ids are random
 * and unique), and what concerns one task is asked of the agent of the task's region.
 */
final class RegionsDirectory implements EndpointDirectory {
    private final Supplier<Collection<EndpointDirectory>> agents;
    private final Function<String, Optional<EndpointDirectory>> agentOfTask;

    /**
     * @param agents every region's agent's directory now
     * @param agentOfTask the directory of the agent of a task ARN's region, if that region is served
     */
    RegionsDirectory(Supplier<Collection<EndpointDirectory>> agents,
            Function<String, Optional<EndpointDirectory>> agentOfTask) {
        this.agents = agents;
        this.agentOfTask = agentOfTask;
    }

    @Override
    public Optional<TaskAssignment> byCredentialsId(String credentialsId) {
        return agents.get().stream().flatMap(agent -> agent.byCredentialsId(credentialsId).stream()).findFirst();
    }

    @Override
    public Optional<MetadataOwner> byMetadataId(String metadataId) {
        return agents.get().stream().flatMap(agent -> agent.byMetadataId(metadataId).stream()).findFirst();
    }

    @Override
    public Optional<TemporaryCredentials> credentials(String taskArn) {
        return agentOfTask.apply(taskArn).flatMap(agent -> agent.credentials(taskArn));
    }

    @Override
    public TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes) {
        return agentOfTask.apply(taskArn)
                .orElseThrow(() -> new ApiException(ErrorType.RESOURCE_NOT_FOUND, "The task " + taskArn
                        + " is not one of this server's."))
                .taskProtection(taskArn, enabled, expiresInMinutes);
    }

    @Override
    public List<ContainerObservation> containers(String taskArn) {
        return agentOfTask.apply(taskArn).map(agent -> agent.containers(taskArn)).orElse(List.of());
    }

    @Override
    public Optional<String> statsJson(String runtimeId) {
        // One runtime serves every region's agent: any of them reads a container's stats.
        return agents.get().stream().findFirst().flatMap(agent -> agent.statsJson(runtimeId));
    }
}
