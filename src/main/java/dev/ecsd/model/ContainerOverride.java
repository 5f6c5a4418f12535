package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** RunTask's override of one container; fields ecsd does not act on are kept in {@code additionalFields}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerOverride(
        String name,
        List<String> command,
        List<KeyValuePair> environment,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public ContainerOverride {
        command = Lists.copy(command);
        environment = Lists.copy(environment);
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }
}
