package dev.ecsd.agent.endpoint;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.secrets.TemporaryCredentials;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The task endpoint's directory over one agent: the tasks it holds (their assignments carry the endpoint ids), the
 * runtime for their containers, and the channel for credentials, which only the control plane issues.
 */
public final class AgentDirectory implements EndpointDirectory {
    private final Supplier<Collection<TaskAssignment>> assignments;
    private final AgentChannel channel;
    private final ContainerRuntime runtime;
    private final String instanceId;

    public AgentDirectory(Supplier<Collection<TaskAssignment>> assignments, AgentChannel channel,
            ContainerRuntime runtime, String instanceId) {
        this.assignments = assignments;
        this.channel = channel;
        this.runtime = runtime;
        this.instanceId = instanceId;
    }

    @Override
    public Optional<TaskAssignment> byCredentialsId(String credentialsId) {
        return live().filter(a -> credentialsId.equals(a.endpoint().credentialsId())).findFirst();
    }

    @Override
    public Optional<MetadataOwner> byMetadataId(String metadataId) {
        return live().flatMap(a -> a.endpoint().metadataIds().entrySet().stream()
                        .filter(e -> e.getValue().equals(metadataId))
                        .map(e -> new MetadataOwner(a, e.getKey())))
                .findFirst();
    }

    @Override
    public Optional<TemporaryCredentials> credentials(String taskArn) {
        return channel.taskCredentials(taskArn);
    }

    @Override
    public TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes) {
        return channel.taskProtection(taskArn, enabled, expiresInMinutes);
    }

    @Override
    public List<ContainerObservation> containers(String taskArn) {
        try {
            return runtime.listContainers(Map.of(ContainerSpecs.LABEL_TASK_ARN, taskArn,
                    ContainerSpecs.LABEL_INSTANCE, instanceId));
        } catch (RuntimeFailure e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> statsJson(String runtimeId) {
        try {
            return runtime.statsJson(runtimeId);
        } catch (RuntimeFailure e) {
            return Optional.empty();
        }
    }

    private Stream<TaskAssignment> live() {
        return assignments.get().stream().filter(a -> !a.isRemoval() && !a.task().isStopped());
    }
}
