package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Linux-specific container options; ecsd acts on {@code initProcessEnabled} and keeps the rest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxParameters(
        Boolean initProcessEnabled,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public LinuxParameters {
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }
}
