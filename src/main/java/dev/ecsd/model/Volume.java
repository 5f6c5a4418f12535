package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A task definition volume. {@code host} is a bind mount ({@code sourcePath}); {@code dockerVolumeConfiguration}
 * a Docker volume; anything else (EFS, FSx) is kept in {@code additionalFields}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
        String name,
        HostVolume host,
        DockerVolumeConfiguration dockerVolumeConfiguration,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public Volume {
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HostVolume(String sourcePath) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DockerVolumeConfiguration(String scope, Boolean autoprovision, String driver,
            Map<String, String> driverOpts, Map<String, String> labels) {
    }
}
