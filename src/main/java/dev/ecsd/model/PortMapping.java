package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A container port mapping. Fields ecsd does not act on are kept in {@code additionalFields}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortMapping(
        Integer containerPort,
        Integer hostPort,
        String protocol,
        String name,
        String containerPortRange,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public PortMapping {
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    public String protocolOrTcp() {
        return protocol == null ? "tcp" : protocol;
    }

    public PortMapping withHostPort(Integer port) {
        return new PortMapping(containerPort, port, protocol, name, containerPortRange, additionalFields);
    }
}
