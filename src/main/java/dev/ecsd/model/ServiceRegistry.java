package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A service discovery registry of a service, stored as given, members ecsd does not know included. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRegistry(String registryArn, Integer port, String containerName, Integer containerPort,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public ServiceRegistry {
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }
}
