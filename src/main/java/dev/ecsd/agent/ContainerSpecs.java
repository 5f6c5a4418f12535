package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime.VolumeSpec;
import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerOverride;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.Lists;
import dev.ecsd.model.MountPoint;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.Ulimit;
import dev.ecsd.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a task's container definitions (with RunTask's overrides) into what the runtime creates: the
 * labels the ECS agent sets, resource limits, health checks, ports published on 127.0.0.1, mounts and
 * network. Pure.
 */
public final class ContainerSpecs {
    public static final String LABEL_CLUSTER = "com.amazonaws.ecs.cluster";
    public static final String LABEL_TASK_ARN = "com.amazonaws.ecs.task-arn";
    public static final String LABEL_CONTAINER_NAME = "com.amazonaws.ecs.container-name";
    public static final String LABEL_FAMILY = "com.amazonaws.ecs.task-definition-family";
    public static final String LABEL_REVISION = "com.amazonaws.ecs.task-definition-version";
    /** Which ecsd (which data directory) owns a container: several may share one engine. */
    public static final String LABEL_INSTANCE = "dev.ecsd.instance";
    /** The ECS agent's name for the container that holds an awsvpc task's network namespace. */
    public static final String PAUSE_CONTAINER_NAME = "~internal~ecs~pause";
    public static final String HOST_IP = "127.0.0.1";
    private static final long MIB = 1024L * 1024L;
    private static final int MIN_CPU_SHARES = 2;
    private static final int MAX_CPU_SHARES = 262_144;

    private ContainerSpecs() {
    }

    public static Map<String, String> labels(Task task, TaskDefinition definition, String containerName,
            String instanceId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_CLUSTER, task.clusterArn());
        labels.put(LABEL_TASK_ARN, task.taskArn());
        labels.put(LABEL_CONTAINER_NAME, containerName);
        labels.put(LABEL_FAMILY, definition.family());
        labels.put(LABEL_REVISION, String.valueOf(definition.revision()));
        labels.put(LABEL_INSTANCE, instanceId);
        return labels;
    }

    /** The engine's name for a container of a task: unique, and readable in {@code docker ps}. */
    private static boolean onFargate(Task task) {
        return "FARGATE".equals(task.launchType()) || task.capacityProviderName() != null
                && task.capacityProviderName().startsWith("FARGATE");
    }

    public static String dockerName(Task task, TaskDefinition definition, String containerName) {
        String name = containerName.equals(PAUSE_CONTAINER_NAME) ? "internalecspause" : containerName;
        return "ecs-" + definition.family() + "-" + definition.revision() + "-" + name + "-" + task.taskId();
    }

    /** The container holding an awsvpc task's network namespace; it publishes every port of the task. */
    public static ContainerSpec pause(Task task, TaskDefinition definition, String image, String instanceId) {
        return new ContainerSpec(dockerName(task, definition, PAUSE_CONTAINER_NAME), image, null, null, Map.of(),
                null, null, labels(task, definition, PAUSE_CONTAINER_NAME, instanceId), ContainerSpec.Network.bridge(),
                taskPorts(definition), 32 * MIB, null, 2, null, null, List.of(), true, List.of(), false, null, List.of(),
                false,
                Duration.ZERO);
    }

    public static ContainerSpec container(Task task, TaskDefinition definition, ContainerDefinition container,
            String networkContainerId, String instanceId) {
        return container(task, definition, container, networkContainerId, instanceId, Map.of());
    }

    /**
     * Every port of an awsvpc task, as its network holder publishes them: on loopback, each at a port the engine
     * picks, so that many tasks can use one container port.
     */
    private static List<ContainerSpec.Port> taskPorts(TaskDefinition definition) {
        List<ContainerSpec.Port> ports = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            for (PortMapping mapping : Lists.orEmpty(container.portMappings())) {
                if (mapping.containerPort() != null) {
                    ports.add(new ContainerSpec.Port(mapping.containerPort(), mapping.protocolOrTcp(), HOST_IP, null));
                }
            }
        }
        return ports;
    }

    /**
     * The spec of one container of a task; {@code networkContainerId} is the pause container an awsvpc task's
     * containers join when its {@link TaskNetworkPlan} has one. {@code secretEnvironment} is this container's
     * resolved {@code secrets}, set after its plain environment as ECS does (a secret wins over a variable of the
     * same name).
     */
    public static ContainerSpec container(Task task, TaskDefinition definition, ContainerDefinition container,
            String networkContainerId, String instanceId, Map<String, String> secretEnvironment) {
        TaskOverride overrides = task.overrides() == null ? TaskOverride.none() : task.overrides();
        ContainerOverride override = overrides.forContainer(container.name()).orElse(null);
        String mode = definition.effectiveNetworkMode();
        TaskNetworkPlan plan = TaskNetworkPlan.of(definition);

        Map<String, String> environment = new LinkedHashMap<>();
        if (onFargate(task)) {
            // what Fargate sets in every container; the task's own variables may still override them
            String region = task.taskArn().split(":")[3];
            environment.put("AWS_REGION", region);
            environment.put("AWS_DEFAULT_REGION", region);
            environment.put("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
        }
        Lists.orEmpty(container.environment()).forEach(e -> environment.put(e.name(), e.value()));
        if (override != null) {
            Lists.orEmpty(override.environment()).forEach(e -> environment.put(e.name(), e.value()));
        }
        environment.putAll(secretEnvironment);
        List<String> command = override != null && override.command() != null ? override.command() : container.command();
        Integer cpu = override != null && override.cpu() != null ? override.cpu() : container.cpu();
        Integer memory = override != null && override.memory() != null ? override.memory() : container.memory();
        Integer reservation = override != null && override.memoryReservation() != null
                ? override.memoryReservation() : container.memoryReservation();
        Integer taskMemory = parse(task.memory());
        Integer taskCpu = parse(task.cpu());
        Long memoryLimit = null;
        if (memory != null) {
            memoryLimit = memory * MIB;
        } else if (taskMemory != null) {
            memoryLimit = taskMemory * MIB;
        }

        Map<String, String> labels = new LinkedHashMap<>(Lists.orEmpty(container.dockerLabels()));
        labels.putAll(labels(task, definition, container.name(), instanceId));

        return new ContainerSpec(
                dockerName(task, definition, container.name()),
                container.image(),
                container.entryPoint(),
                command,
                environment,
                container.workingDirectory(),
                container.user(),
                labels,
                network(mode, plan, networkContainerId),
                "bridge".equals(mode) ? ports(container)
                        : plan.containerHoldsNetwork() ? taskPorts(definition) : List.of(),
                memoryLimit,
                reservation == null ? null : reservation * MIB,
                cpuShares(cpu, taskCpu, definition),
                taskCpu == null ? null : taskCpu * 1_000_000_000L / 1024,
                healthCheck(container.healthCheck()),
                ulimits(container.ulimits()),
                Boolean.TRUE.equals(container.readonlyRootFilesystem()),
                mounts(task, definition, container),
                container.linuxParameters() != null && Boolean.TRUE.equals(container.linuxParameters().initProcessEnabled()),
                "awsvpc".equals(mode) ? null : container.hostname(),
                extraHosts(container),
                Boolean.TRUE.equals(container.additionalFields().get("privileged")),
                TaskPlanner.stopTimeout(task, container));
    }

    /**
     * A container's CPU shares. Its own cpu when it has some. Without, in a task with a task-level cpu, its part of
     * the task's: the ECS agent puts such a task in a cgroup whose shares are the task's cpu (and Fargate guarantees
     * it), so the task as a whole holds its reservation against other tasks; ecsd has no task cgroup, so the
     * containers without cpu share the task's cpu equally. A container left at the kernel's minimum of 2 would get
     * almost nothing on a busy host, and a task burning its quota would show far less than its reservation used.
     */
    private static int cpuShares(Integer cpu, Integer taskCpu, TaskDefinition definition) {
        if ((cpu == null || cpu == 0) && taskCpu != null && taskCpu > 0) {
            long withoutCpu = definition.containerDefinitions().stream()
                    .filter(c -> c.cpu() == null || c.cpu() == 0).count();
            return cpuShares((int) (taskCpu / Math.max(1, withoutCpu)));
        }
        return cpuShares(cpu);
    }

    /** CPU units as the kernel's CPU shares: at least 2, at most 262144, as the ECS agent passes them. */
    private static int cpuShares(Integer cpu) {
        if (cpu == null || cpu < MIN_CPU_SHARES) {
            return MIN_CPU_SHARES;
        }
        return Math.min(cpu, MAX_CPU_SHARES);
    }

    /** The Docker volumes a task needs: task-scoped ones named for the task, shared ones by their own name. */
    public static List<VolumeSpec> volumes(Task task, TaskDefinition definition, String instanceId) {
        List<VolumeSpec> volumes = new ArrayList<>();
        for (Volume volume : Lists.orEmpty(definition.volumes())) {
            if (volume.host() != null && volume.host().sourcePath() != null) {
                continue;
            }
            Volume.DockerVolumeConfiguration docker = volume.dockerVolumeConfiguration();
            Map<String, String> labels = new LinkedHashMap<>();
            if (docker != null && docker.labels() != null) {
                labels.putAll(docker.labels());
            }
            if (!isShared(volume)) {
                labels.put(LABEL_TASK_ARN, task.taskArn());
                labels.put(LABEL_INSTANCE, instanceId);
            }
            volumes.add(new VolumeSpec(volumeName(task, volume), docker == null ? null : docker.driver(),
                    docker == null ? null : docker.driverOpts(), labels));
        }
        return volumes;
    }

    /** Names of the volumes that live and die with the task. */
    public static List<String> taskScopedVolumes(Task task, TaskDefinition definition) {
        List<String> names = new ArrayList<>();
        for (Volume volume : Lists.orEmpty(definition.volumes())) {
            boolean bind = volume.host() != null && volume.host().sourcePath() != null;
            if (!bind && !isShared(volume)) {
                names.add(volumeName(task, volume));
            }
        }
        return names;
    }

    private static boolean isShared(Volume volume) {
        return volume.dockerVolumeConfiguration() != null && "shared".equals(volume.dockerVolumeConfiguration().scope());
    }

    private static String volumeName(Task task, Volume volume) {
        return isShared(volume) ? volume.name() : "ecs-" + task.taskId() + "-" + volume.name();
    }

    private static ContainerSpec.Network network(String mode, TaskNetworkPlan plan, String pauseId) {
        return switch (mode) {
            // a task's only container holds its network on the engine's bridge, as the pause container would
            case "awsvpc" -> plan.containerHoldsNetwork() ? ContainerSpec.Network.bridge()
                    : ContainerSpec.Network.joining(pauseId);
            case "host" -> ContainerSpec.Network.host();
            case "none" -> ContainerSpec.Network.none();
            default -> ContainerSpec.Network.bridge();
        };
    }

    private static List<ContainerSpec.Port> ports(ContainerDefinition container) {
        List<ContainerSpec.Port> ports = new ArrayList<>();
        for (PortMapping mapping : Lists.orEmpty(container.portMappings())) {
            if (mapping.containerPort() == null) {
                continue;
            }
            Integer hostPort = mapping.hostPort() == null || mapping.hostPort() == 0 ? null : mapping.hostPort();
            ports.add(new ContainerSpec.Port(mapping.containerPort(), mapping.protocolOrTcp(), HOST_IP, hostPort));
        }
        return ports;
    }

    private static ContainerSpec.HealthCheck healthCheck(HealthCheck check) {
        if (check == null || check.command() == null || check.command().isEmpty()) {
            return null;
        }
        HealthCheck filled = check.withDefaults();
        return new ContainerSpec.HealthCheck(filled.command(), Duration.ofSeconds(filled.interval()),
                Duration.ofSeconds(filled.timeout()), filled.retries(),
                Duration.ofSeconds(filled.startPeriod() == null ? 0 : filled.startPeriod()));
    }

    private static List<ContainerSpec.Ulimit> ulimits(List<Ulimit> ulimits) {
        return Lists.orEmpty(ulimits).stream()
                .map(u -> new ContainerSpec.Ulimit(u.name(), u.softLimit(), u.hardLimit())).toList();
    }

    private static List<ContainerSpec.Mount> mounts(Task task, TaskDefinition definition, ContainerDefinition container) {
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (MountPoint mount : Lists.orEmpty(container.mountPoints())) {
            Volume volume = Lists.orEmpty(definition.volumes()).stream()
                    .filter(v -> v.name().equals(mount.sourceVolume())).findFirst().orElse(null);
            if (volume == null) {
                continue;
            }
            boolean readOnly = Boolean.TRUE.equals(mount.readOnly());
            if (volume.host() != null && volume.host().sourcePath() != null) {
                mounts.add(new ContainerSpec.Mount(ContainerSpec.Mount.Type.BIND, volume.host().sourcePath(),
                        mount.containerPath(), readOnly));
            } else {
                mounts.add(new ContainerSpec.Mount(ContainerSpec.Mount.Type.VOLUME, volumeName(task, volume),
                        mount.containerPath(), readOnly));
            }
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    private static List<String> extraHosts(ContainerDefinition container) {
        Object hosts = container.additionalFields().get("extraHosts");
        List<String> result = new ArrayList<>();
        if (hosts instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> host) {
                    Map<String, Object> values = (Map<String, Object>) host;
                    result.add(values.get("hostname") + ":" + values.get("ipAddress"));
                }
            }
        }
        return result;
    }

    private static Integer parse(String number) {
        if (number == null) {
            return null;
        }
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
