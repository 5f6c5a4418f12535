package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A container definition. The fields ecsd acts on are typed; every other field of the ECS API is kept,
 * unchanged, in {@code additionalFields}, so that DescribeTaskDefinition returns what was registered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerDefinition(
        String name,
        String image,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        List<PortMapping> portMappings,
        Boolean essential,
        List<String> entryPoint,
        List<String> command,
        List<KeyValuePair> environment,
        List<MountPoint> mountPoints,
        List<Map<String, Object>> volumesFrom,
        LinuxParameters linuxParameters,
        List<Secret> secrets,
        List<ContainerDependency> dependsOn,
        Integer startTimeout,
        Integer stopTimeout,
        String hostname,
        String user,
        String workingDirectory,
        Boolean readonlyRootFilesystem,
        Map<String, String> dockerLabels,
        List<Ulimit> ulimits,
        LogConfiguration logConfiguration,
        HealthCheck healthCheck,
        List<Map<String, Object>> systemControls,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public ContainerDefinition {
        portMappings = Lists.copy(portMappings);
        entryPoint = Lists.copy(entryPoint);
        command = Lists.copy(command);
        environment = Lists.copy(environment);
        mountPoints = Lists.copy(mountPoints);
        volumesFrom = Lists.copy(volumesFrom);
        secrets = Lists.copy(secrets);
        dependsOn = Lists.copy(dependsOn);
        dockerLabels = Lists.copy(dockerLabels);
        ulimits = Lists.copy(ulimits);
        systemControls = Lists.copy(systemControls);
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    /** ECS's default: a container is essential unless it says otherwise. */
    public boolean isEssential() {
        return essential == null || essential;
    }

    /** This definition as ECS stores it: defaults filled in, empty lists present. */
    public ContainerDefinition withRegistrationDefaults(List<PortMapping> normalizedPortMappings) {
        return new ContainerDefinition(name, image, cpu == null ? 0 : cpu, memory, memoryReservation,
                normalizedPortMappings == null ? List.of() : normalizedPortMappings,
                isEssential(), entryPoint, command,
                environment == null ? List.of() : environment,
                mountPoints == null ? List.of() : mountPoints,
                volumesFrom == null ? List.of() : volumesFrom,
                linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, hostname, user, workingDirectory,
                readonlyRootFilesystem, dockerLabels, ulimits,
                logConfiguration == null ? null : logConfiguration.withRegistrationDefaults(),
                healthCheck == null ? null : healthCheck.withDefaults(),
                systemControls == null ? List.of() : systemControls,
                additionalFields);
    }
}
