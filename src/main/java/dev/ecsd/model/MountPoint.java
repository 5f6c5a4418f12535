package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A volume mounted into a container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MountPoint(String sourceVolume, String containerPath, Boolean readOnly) {
}
