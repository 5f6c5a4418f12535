package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A service discovery registry of a service, stored as given. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRegistry(String registryArn, Integer port, String containerName, Integer containerPort) {
}
