package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerDependency;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.Lists;
import dev.ecsd.model.LogConfiguration;
import dev.ecsd.model.MountPoint;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECS's rules for registering a task definition: what it refuses (with ECS's messages), and what it fills
 * in (essential, health check defaults, awsvpc host ports, sizes as integers, compatibilities and
 * requiresAttributes). Pure: no state, no I/O.
 */
public final class TaskDefinitionRules {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "awsvpc", "none");
    private static final Set<String> COMPATIBILITIES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
    private static final Set<String> LOG_DRIVERS =
            Set.of("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens");
    private static final Set<String> DEPENDENCY_CONDITIONS = Set.of("START", "COMPLETE", "SUCCESS", "HEALTHY");
    private static final int MAX_CONTAINERS = 10;
    private static final String EFS_CONFIGURATION = "efsVolumeConfiguration";

    private TaskDefinitionRules() {
    }

    /** Validates a registration and returns it as ECS stores it (without ARN, revision and status). */
    public static TaskDefinition normalize(TaskDefinition requested) {
        String family = requested.family();
        if (family == null || family.isEmpty()) {
            throw ApiException.client("Family should not be null or empty.");
        }
        if (!NAME.matcher(family).matches()) {
            throw ApiException.client("Family contains invalid characters: up to 255 letters (uppercase and lowercase), "
                    + "numbers, underscores and hyphens are allowed.");
        }
        List<ContainerDefinition> containers = Lists.orEmpty(requested.containerDefinitions());
        if (containers.isEmpty()) {
            throw ApiException.client("Container list cannot be empty.");
        }
        if (containers.size() > EcsQuotas.CONTAINERS_PER_TASK_DEFINITION) {
            throw ApiException.client("Too many containers.");
        }
        String networkMode = requested.networkMode();
        if (networkMode != null && !NETWORK_MODES.contains(networkMode)) {
            throw ApiException.client("Invalid networkMode '" + Quoted.of(networkMode)
                    + "'. Valid values are bridge, host, awsvpc and none.");
        }
        for (String compatibility : Lists.orEmpty(requested.requiresCompatibilities())) {
            if (!COMPATIBILITIES.contains(compatibility)) {
                throw ApiException.client("Invalid requiresCompatibilities value '" + Quoted.of(compatibility)
                        + "'. Valid values are EC2, FARGATE, EXTERNAL and MANAGED_INSTANCES.");
            }
        }
        Integer taskCpu = TaskSizes.cpuUnits(requested.cpu());
        Integer taskMemory = TaskSizes.memoryMiB(requested.memory());
        String effectiveMode = networkMode == null ? "bridge" : networkMode;

        Set<String> names = new HashSet<>();
        Set<String> volumeNames = volumeNames(requested.volumes());
        List<ContainerDefinition> normalized = new ArrayList<>();
        for (ContainerDefinition container : containers) {
            validateName(container);
            if (!names.add(container.name())) {
                throw ApiException.client("Container names must be unique within a Task Definition.");
            }
            if (container.image() == null || container.image().isBlank()) {
                throw ApiException.client("Container.image should not be null or empty.");
            }
            validateMemory(container, taskMemory);
            validateLogging(container);
            validateMountPoints(container, volumeNames);
            SecretRules.validate(container);
            if ("awsvpc".equals(effectiveMode) && container.hostname() != null) {
                throw ApiException.client("hostname is not supported on container when networkMode=awsvpc.");
            }
            HealthCheck healthCheck = container.healthCheck();
            if (healthCheck != null) {
                validateHealthCheck(container.name(), healthCheck);
            }
            normalized.add(container.withRegistrationDefaults(portMappings(container, effectiveMode)));
        }
        SecretRules.requireExecutionRole(requested, normalized);
        if (normalized.stream().noneMatch(ContainerDefinition::isEssential)) {
            throw ApiException.client("Task definition doesn't have any essential container.");
        }
        validateDependencies(normalized);
        validateTaskSizes(normalized, taskCpu, taskMemory);

        if (requested.requiresFargate()) {
            FargateRules.validate(requested, normalized, effectiveMode, taskCpu, taskMemory);
        }
        List<String> compatibilities = new ArrayList<>();
        if (!"awsvpc".equals(effectiveMode)) {
            compatibilities.add("EXTERNAL");
        }
        compatibilities.add("EC2");
        if (FargateRules.compatible(requested, normalized, effectiveMode, taskCpu, taskMemory)) {
            compatibilities.add("FARGATE");
        }
        return new TaskDefinition(null, family, null, null, normalized, requested.taskRoleArn(),
                requested.executionRoleArn(), networkMode,
                volumesAsStored(requested.volumes()),
                requested.placementConstraints() == null ? List.of() : requested.placementConstraints(),
                requested.requiresCompatibilities(), compatibilities,
                RequiredAttributes.of(requested, normalized, effectiveMode),
                taskCpu == null ? null : taskCpu.toString(), taskMemory == null ? null : taskMemory.toString(),
                requested.pidMode(), requested.ipcMode(), null, null, null, null, requested.tags(),
                requested.additionalFields());
    }

    private static void validateName(ContainerDefinition container) {
        if (container.name() == null || container.name().isEmpty()) {
            throw ApiException.client("Container.name should not be null or empty.");
        }
        if (!NAME.matcher(container.name()).matches()) {
            throw ApiException.client("Container.name contains invalid characters.");
        }
    }

    private static void validateMemory(ContainerDefinition container, Integer taskMemory) {
        Integer memory = container.memory();
        Integer reservation = container.memoryReservation();
        if (taskMemory == null && memory == null && reservation == null) {
            throw ApiException.client("Invalid setting for container '" + Quoted.of(container.name())
                    + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
        }
        if (memory != null && memory < 6) {
            throw ApiException.client("Invalid 'memory' setting for container '" + Quoted.of(container.name())
                    + "'. The minimum is 6 MiB.");
        }
        if (reservation != null && reservation < 6) {
            throw ApiException.client("Invalid 'memoryReservation' setting for container '"
                    + Quoted.of(container.name())
                    + "'. The minimum is 6 MiB.");
        }
        if (memory != null && reservation != null && memory < reservation) {
            throw ApiException.client("Invalid setting for container '" + Quoted.of(container.name())
                    + "'. 'memory' must be greater than or equal to 'memoryReservation'.");
        }
        if (container.cpu() != null && container.cpu() < 0) {
            throw ApiException.client("Invalid 'cpu' setting for container '" + Quoted.of(container.name()) + "'.");
        }
    }

    private static void validateTaskSizes(List<ContainerDefinition> containers, Integer taskCpu, Integer taskMemory) {
        if (taskMemory != null) {
            int reservations = 0;
            for (ContainerDefinition container : containers) {
                if (container.memory() != null && container.memory() > taskMemory) {
                    throw ApiException.client("The 'memory' setting for container '" + Quoted.of(container.name())
                            + "' is greater than for the task.");
                }
                reservations += container.memoryReservation() == null ? 0 : container.memoryReservation();
            }
            if (reservations > taskMemory) {
                throw ApiException.client("The sum of all container 'memoryReservation' values cannot be greater "
                        + "than the value of the task 'memory'.");
            }
        }
        if (taskCpu != null) {
            int cpu = containers.stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
            if (cpu > taskCpu) {
                throw ApiException.client("The sum of all container 'cpu' values cannot be greater than the value "
                        + "of the task 'cpu'.");
            }
        }
        if (taskCpu != null && (taskCpu < 128 || taskCpu > 196608)) {
            throw ApiException.client("Invalid 'cpu' setting for task. The task cpu must be between 128 and 196608 CPU units.");
        }
    }

    private static List<PortMapping> portMappings(ContainerDefinition container, String networkMode) {
        List<PortMapping> result = new ArrayList<>();
        for (PortMapping mapping : Lists.orEmpty(container.portMappings())) {
            boolean range = mapping.containerPortRange() != null;
            if (!range && (mapping.containerPort() == null || mapping.containerPort() < 1
                    || mapping.containerPort() > 65535)) {
                throw ApiException.client("Invalid 'containerPort' setting for container '"
                        + Quoted.of(container.name()) + "'.");
            }
            if (mapping.hostPort() != null && (mapping.hostPort() < 0 || mapping.hostPort() > 65535)) {
                throw ApiException.client("Invalid 'hostPort' setting for container '" + Quoted.of(container.name())
                        + "'.");
            }
            if (mapping.protocol() != null && !Set.of("tcp", "udp").contains(mapping.protocol())) {
                throw ApiException.client("Invalid 'protocol' setting for container '" + Quoted.of(container.name())
                        + "'. Valid values are tcp and udp.");
            }
            if ("awsvpc".equals(networkMode) || "host".equals(networkMode)) {
                if (!range && mapping.hostPort() != null && !mapping.hostPort().equals(mapping.containerPort())) {
                    throw ApiException.client("When networkMode=" + networkMode
                            + ", the host ports and container ports in port mappings must match.");
                }
                result.add(range ? mapping : mapping.withHostPort(mapping.containerPort()));
            } else {
                result.add(mapping);
            }
        }
        return result;
    }

    private static void validateHealthCheck(String container, HealthCheck check) {
        List<String> command = Lists.orEmpty(check.command());
        if (command.isEmpty() || !Set.of("CMD", "CMD-SHELL", "NONE").contains(command.getFirst())) {
            throw ApiException.client("Invalid 'healthCheck.command' setting for container '" + Quoted.of(container)
                    + "'. The command must start with CMD or CMD-SHELL.");
        }
        checkRange(container, "interval", check.interval(), 5, 300);
        checkRange(container, "timeout", check.timeout(), 2, 60);
        checkRange(container, "retries", check.retries(), 1, 10);
        checkRange(container, "startPeriod", check.startPeriod(), 0, 300);
    }

    private static void checkRange(String container, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw ApiException.client("Invalid 'healthCheck." + field + "' setting for container '"
                    + Quoted.of(container)
                    + "'. The value must be between " + min + " and " + max + ".");
        }
    }

    private static void validateLogging(ContainerDefinition container) {
        LogConfiguration logging = container.logConfiguration();
        if (logging == null) {
            return;
        }
        if (logging.logDriver() == null || !LOG_DRIVERS.contains(logging.logDriver())) {
            throw ApiException.client("Invalid 'logDriver' setting for container '" + Quoted.of(container.name())
                    + "'. Valid values are " + String.join(", ", LOG_DRIVERS.stream().sorted().toList()) + ".");
        }
    }

    /**
     * The volumes as ECS stores them: an EFS volume without a {@code rootDirectory} gets "/" (the API reference's
     * default, which ECS writes into the stored definition: DescribeTaskDefinition returns it). ECS fills in nothing
     * else of an EFS configuration: transitEncryption and authorizationConfig come back only when given.
     */
    static List<Volume> volumesAsStored(List<Volume> volumes) {
        List<Volume> stored = new ArrayList<>();
        for (Volume volume : Lists.orEmpty(volumes)) {
            Object efs = volume.additionalFields().get(EFS_CONFIGURATION);
            if (efs instanceof Map<?, ?> configuration && configuration.get("rootDirectory") == null) {
                Map<String, Object> withRoot = new LinkedHashMap<>();
                configuration.forEach((key, value) -> withRoot.put(String.valueOf(key), value));
                withRoot.put("rootDirectory", "/");
                Map<String, Object> fields = new LinkedHashMap<>(volume.additionalFields());
                fields.put(EFS_CONFIGURATION, withRoot);
                volume = new Volume(volume.name(), volume.host(), volume.dockerVolumeConfiguration(), fields);
            }
            stored.add(volume);
        }
        return stored;
    }

    private static Set<String> volumeNames(List<Volume> volumes) {
        Set<String> names = new HashSet<>();
        for (Volume volume : Lists.orEmpty(volumes)) {
            if (volume.name() == null || volume.name().isEmpty()) {
                throw ApiException.client("Volume.name should not be null or empty.");
            }
            if (!names.add(volume.name())) {
                throw ApiException.client("Volume names must be unique within a Task Definition; '"
                        + Quoted.of(volume.name())
                        + "' appears twice.");
            }
        }
        return names;
    }

    private static void validateMountPoints(ContainerDefinition container, Set<String> volumeNames) {
        for (MountPoint mount : Lists.orEmpty(container.mountPoints())) {
            if (mount.sourceVolume() == null || !volumeNames.contains(mount.sourceVolume())) {
                throw ApiException.client("Invalid 'mountPoints' setting for container '" + Quoted.of(container.name())
                        + "'. The sourceVolume '" + Quoted.of(mount.sourceVolume())
                        + "' is not a volume of the task definition.");
            }
            if (mount.containerPath() == null || mount.containerPath().isEmpty()) {
                throw ApiException.client("Invalid 'mountPoints' setting for container '" + Quoted.of(container.name())
                        + "'. containerPath should not be null or empty.");
            }
        }
    }

    private static void validateDependencies(List<ContainerDefinition> containers) {
        Map<String, ContainerDefinition> byName = new HashMap<>();
        containers.forEach(c -> byName.put(c.name(), c));
        for (ContainerDefinition container : containers) {
            for (ContainerDependency dependency : Lists.orEmpty(container.dependsOn())) {
                ContainerDefinition target = byName.get(dependency.containerName());
                if (target == null || target == container) {
                    throw ApiException.client("Invalid 'dependsOn' setting for container '"
                            + Quoted.of(container.name())
                            + "'. '" + Quoted.of(dependency.containerName())
                            + "' is not another container of the task definition.");
                }
                if (dependency.condition() == null || !DEPENDENCY_CONDITIONS.contains(dependency.condition())) {
                    throw ApiException.client("Invalid 'dependsOn' condition '" + Quoted.of(dependency.condition())
                            + "' for container '" + Quoted.of(container.name())
                            + "'. Valid values are START, COMPLETE, SUCCESS and HEALTHY.");
                }
                if (("SUCCESS".equals(dependency.condition()) || "COMPLETE".equals(dependency.condition()))
                        && target.isEssential()) {
                    throw ApiException.client("A dependency container with SUCCESS or COMPLETE condition cannot be an essential container");
                }
                if ("HEALTHY".equals(dependency.condition()) && target.healthCheck() == null) {
                    throw ApiException.client("Invalid 'dependsOn' setting for container '"
                            + Quoted.of(container.name())
                            + "'. The HEALTHY condition requires container '" + Quoted.of(target.name())
                            + "' to have a health check.");
                }
            }
        }
        // A cycle would leave every container in it waiting forever.
        Set<String> done = new HashSet<>();
        for (ContainerDefinition container : containers) {
            visit(container.name(), byName, done, new LinkedHashSet<>());
        }
    }

    private static void visit(String name, Map<String, ContainerDefinition> byName, Set<String> done, Set<String> path) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw ApiException.client("Invalid 'dependsOn' settings: the containers " + String.join(", ", path)
                    + " depend on each other in a cycle.");
        }
        for (ContainerDependency dependency : Lists.orEmpty(byName.get(name).dependsOn())) {
            visit(dependency.containerName(), byName, done, path);
        }
        path.remove(name);
        done.add(name);
    }

}
