package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The agent and Docker versions a container instance reported when it registered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionInfo(String agentVersion, String agentHash, String dockerVersion) {
}
