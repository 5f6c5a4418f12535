package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a task was launched as: its definition and overrides, where it runs (the agent that owns it, its capacity)
 * and how it was started. Written once, at launch (tags also by TagResource); the agent runs what it says.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(
        String taskDefinitionArn,
        String agentId,
        String containerInstanceArn,
        String capacityProviderName,
        String launchType,
        String platformVersion,
        String platformFamily,
        String availabilityZone,
        String group,
        String startedBy,
        List<Tag> tags,
        TaskOverride overrides,
        String cpu,
        String memory,
        NetworkConfiguration networkConfiguration,
        boolean enableExecuteCommand) {

    public TaskSpec {
        tags = Lists.copy(tags);
    }
}
