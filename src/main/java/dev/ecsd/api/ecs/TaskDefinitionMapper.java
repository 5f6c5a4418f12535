package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.model.TaskDefinition;

/** Maps task definitions to the SDK shape; the wire member names are the model's. */
final class TaskDefinitionMapper {
    private TaskDefinitionMapper() {
    }

    static software.amazon.awssdk.services.ecs.model.TaskDefinition toSdk(TaskDefinition definition) {
        return SdkBridge.toSdk(definition, software.amazon.awssdk.services.ecs.model.TaskDefinition::builder);
    }
}
