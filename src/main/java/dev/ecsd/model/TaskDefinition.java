package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One revision of a task definition family. Fields ecsd does not act on (proxyConfiguration,
 * runtimePlatform, ephemeralStorage, ...) are kept in {@code additionalFields}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDefinition(
        String taskDefinitionArn,
        String family,
        Integer revision,
        TaskDefinitionStatus status,
        List<ContainerDefinition> containerDefinitions,
        String taskRoleArn,
        String executionRoleArn,
        String networkMode,
        List<Volume> volumes,
        List<Map<String, Object>> placementConstraints,
        List<String> requiresCompatibilities,
        List<String> compatibilities,
        List<Attribute> requiresAttributes,
        String cpu,
        String memory,
        String pidMode,
        String ipcMode,
        Instant registeredAt,
        Instant deregisteredAt,
        Instant deleteRequestedAt,
        String registeredBy,
        List<Tag> tags,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public TaskDefinition {
        containerDefinitions = Lists.copy(containerDefinitions);
        volumes = Lists.copy(volumes);
        placementConstraints = Lists.copy(placementConstraints);
        requiresCompatibilities = Lists.copy(requiresCompatibilities);
        compatibilities = Lists.copy(compatibilities);
        requiresAttributes = Lists.copy(requiresAttributes);
        tags = Lists.copy(tags);
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    /** {@code family:revision}, as ECS names a revision in messages and in a task's group. */
    public String familyRevision() {
        return family + ":" + revision;
    }

    /** The network mode in effect: ECS uses {@code bridge} on Linux when none is given. */
    public String effectiveNetworkMode() {
        return networkMode == null ? "bridge" : networkMode;
    }

    public boolean requiresFargate() {
        return requiresCompatibilities != null && requiresCompatibilities.contains("FARGATE");
    }

    public Optional<ContainerDefinition> container(String name) {
        return Lists.orEmpty(containerDefinitions).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public TaskDefinition withStatus(TaskDefinitionStatus newStatus, Instant deregistered, Instant deleteRequested) {
        return new TaskDefinition(taskDefinitionArn, family, revision, newStatus, containerDefinitions, taskRoleArn,
                executionRoleArn, networkMode, volumes, placementConstraints, requiresCompatibilities, compatibilities,
                requiresAttributes, cpu, memory, pidMode, ipcMode, registeredAt, deregistered, deleteRequested,
                registeredBy, tags, additionalFields);
    }

    public TaskDefinition withTags(List<Tag> newTags) {
        return new TaskDefinition(taskDefinitionArn, family, revision, status, containerDefinitions, taskRoleArn,
                executionRoleArn, networkMode, volumes, placementConstraints, requiresCompatibilities, compatibilities,
                requiresAttributes, cpu, memory, pidMode, ipcMode, registeredAt, deregisteredAt, deleteRequestedAt,
                registeredBy, newTags, additionalFields);
    }
}
