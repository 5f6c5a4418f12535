package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RunTask's overrides of a task definition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskOverride(
        List<ContainerOverride> containerOverrides,
        String cpu,
        String memory,
        String taskRoleArn,
        String executionRoleArn,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public TaskOverride {
        containerOverrides = Lists.copy(containerOverrides);
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    public static TaskOverride none() {
        return new TaskOverride(List.of(), null, null, null, null, Map.of());
    }

    public Optional<ContainerOverride> forContainer(String name) {
        return Lists.orEmpty(containerOverrides).stream().filter(o -> name.equals(o.name())).findFirst();
    }
}
