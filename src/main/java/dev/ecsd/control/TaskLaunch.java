package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Attachment;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerOverride;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.Tag;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.scheduler.CapacityProviders;
import dev.ecsd.scheduler.CapacityRequest;
import dev.ecsd.scheduler.FargateCapacity;
import dev.ecsd.scheduler.LaunchType;
import dev.ecsd.scheduler.PlacedTask;
import dev.ecsd.scheduler.PlacementRequest;
import dev.ecsd.scheduler.PlacementResult;
import dev.ecsd.scheduler.PlacementView;
import dev.ecsd.scheduler.Scheduler;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.Transaction;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * How a task comes to be, for RunTask and for services alike: the checks ECS makes before launching, the
 * capacity each task goes to, and the new task record as ECS first reports it (PROVISIONING).
 */
public final class TaskLaunch {
    private final Arns arns;
    private final Supplier<UUID> ids;
    private final RandomGenerator random;

    public TaskLaunch(Arns arns, Supplier<UUID> ids, RandomGenerator random) {
        this.arns = arns;
        this.ids = ids;
        this.random = random;
    }

    /** What one launch asks for, beyond the cluster and the definition. */
    public record Request(String capacityProvider, boolean byLaunchType, TaskOverride overrides,
            NetworkConfiguration networkConfiguration, String group, String startedBy, List<Tag> tags,
            boolean enableExecuteCommand) {
    }

    /** Refuses a revision that can run no new task. */
    public static TaskDefinition requireRunnable(TaskDefinition definition) {
        if (definition.status() == TaskDefinitionStatus.INACTIVE) {
            throw ApiException.invalidParameter("TaskDefinition is inactive");
        }
        if (definition.status() == TaskDefinitionStatus.DELETE_IN_PROGRESS) {
            throw ApiException.invalidParameter("TaskDefinition is being deleted: it can run no new task or service.");
        }
        return definition;
    }

    /**
     * Where {@code count} new tasks go, as data, from {@link Scheduler#place}: by the launch type, else the strategy
     * given, else the cluster's default strategy. With none of these ECS uses the EC2 launch type, which has no
     * capacity until container instances join the cluster. A strategy or definition that cannot be used is a
     * reason too: a service reports it as an event.
     */
    public Placement place(Snapshot state, Cluster cluster, TaskDefinition definition, String launchType,
            List<CapacityProviderStrategyItem> strategy, String group, int count) {
        CapacityRequest capacity;
        try {
            capacity = capacity(cluster, definition, launchType, strategy);
        } catch (ApiException refused) {
            return Placement.none(refused.getMessage());
        }
        List<PlacedTask> placed = state.indexed(Kind.TASK, Kind.groupKey(cluster.clusterArn(), group))
                .filter(t -> !t.isStopped() && t.capacityProviderName() != null)
                .map(t -> PlacedTask.onCapacityProvider(t.capacityProviderName(), group, definition.family()))
                .toList();
        PlacementResult result = Scheduler.place(PlacementRequest.builder()
                .count(count)
                .group(group)
                .taskDefinitionFamily(definition.family())
                .capacity(capacity)
                .random(random)
                .build(), PlacementView.fargateOnly(placed));
        return result.failure().map(failure -> Placement.none(failure.message()))
                .orElseGet(() -> Placement.placed(result.capacityProviders()));
    }

    /** As {@link #place}, for RunTask: refuses, with ECS's reason, when not every task can be placed. */
    public List<String> capacityFor(Snapshot state, Cluster cluster, TaskDefinition definition, String launchType,
            List<CapacityProviderStrategyItem> strategy, String group, int count) {
        Placement placement = place(state, cluster, definition, launchType, strategy, group, count);
        if (placement.unplacedReason() != null) {
            throw ApiException.invalidParameter(placement.unplacedReason());
        }
        return placement.capacityProviders();
    }

    /** The capacity a launch asks for, after ECS's checks of the strategy and the definition. */
    private static CapacityRequest capacity(Cluster cluster, TaskDefinition definition, String launchType,
            List<CapacityProviderStrategyItem> strategy) {
        if (launchType != null) {
            if (!"FARGATE".equals(launchType)) {
                return CapacityRequest.launchType(LaunchType.EC2);
            }
            requireFargateCompatible(definition);
            return CapacityRequest.launchType(LaunchType.FARGATE);
        }
        List<CapacityProviderStrategyItem> effective = strategy.isEmpty()
                ? Lists.orEmpty(cluster.defaultCapacityProviderStrategy()) : strategy;
        if (effective.isEmpty()) {
            return CapacityRequest.launchType(LaunchType.EC2);
        }
        if (strategy.isEmpty()) {
            CapacityProviders.requireUsableDefault(effective);
        }
        CapacityProviders.validateStrategy(effective, Lists.orEmpty(cluster.capacityProviders()));
        requireFargateCompatible(definition);
        return CapacityRequest.strategy(effective);
    }

    private static void requireFargateCompatible(TaskDefinition definition) {
        if (!Lists.orEmpty(definition.compatibilities()).contains("FARGATE")) {
            throw ApiException.invalidParameter("Task definition does not support launch_type FARGATE.");
        }
    }

    /** The task's tags: its own, those it propagates from its definition, and ECS's managed tags. */
    public List<Tag> tags(Cluster cluster, TaskDefinition definition, List<Tag> requested, String propagateTags,
            boolean managedTags, String serviceName) {
        if (propagateTags != null && !List.of("TASK_DEFINITION", "SERVICE", "NONE").contains(propagateTags)) {
            throw ApiException.invalidParameter("Invalid propagateTags '" + propagateTags
                    + "'. Valid values are TASK_DEFINITION, SERVICE and NONE.");
        }
        Map<String, Tag> tags = new LinkedHashMap<>();
        if ("TASK_DEFINITION".equals(propagateTags)) {
            Lists.orEmpty(definition.tags()).forEach(t -> tags.put(t.key(), t));
        }
        requested.forEach(t -> tags.put(t.key(), t));
        if (managedTags) {
            tags.put("aws:ecs:clusterName", new Tag("aws:ecs:clusterName", cluster.clusterName()));
            if (serviceName != null) {
                tags.put("aws:ecs:serviceName", new Tag("aws:ecs:serviceName", serviceName));
            }
        }
        return new ArrayList<>(tags.values());
    }

    /** A new task as ECS first reports it: PROVISIONING, desired RUNNING, its containers PENDING. */
    public Task newTask(Transaction tx, Cluster cluster, TaskDefinition definition, Request request) {
        boolean awsvpc = "awsvpc".equals(definition.effectiveNetworkMode());
        validateNetwork(awsvpc, request.networkConfiguration());
        TaskOverride overrides = request.overrides() == null ? TaskOverride.none() : request.overrides();
        for (ContainerOverride override : Lists.orEmpty(overrides.containerOverrides())) {
            if (override.name() == null || definition.container(override.name()).isEmpty()) {
                throw ApiException.invalidParameter("Override for container named " + override.name()
                        + " is not a container in the TaskDefinition.");
            }
        }
        String taskId = hex(ids.get());
        String taskArn = arns.task(cluster.clusterName(), taskId);
        List<TaskContainer> containers = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            ContainerOverride override = overrides.forContainer(container.name()).orElse(null);
            Integer cpu = override != null && override.cpu() != null ? override.cpu() : container.cpu();
            Integer memory = override != null && override.memory() != null ? override.memory() : container.memory();
            Integer reservation = override != null && override.memoryReservation() != null
                    ? override.memoryReservation() : container.memoryReservation();
            containers.add(new TaskContainer(
                    arns.ecsContainer(cluster.clusterName(), taskId, ids.get().toString()),
                    container.name(), container.image(), null, ContainerStatus.PENDING, null, null, List.of(),
                    HealthStatus.UNKNOWN, container.isEssential(), String.valueOf(cpu == null ? 0 : cpu),
                    memory == null ? null : memory.toString(), reservation == null ? null : reservation.toString(),
                    null, null));
        }
        String subnet = awsvpc ? subnetFor(tx.state(), cluster, request) : null;
        List<Attachment> attachments = awsvpc ? List.of(eni(subnet)) : List.of();
        return new Task.Builder()
                .taskArn(taskArn)
                .clusterArn(cluster.clusterArn())
                .taskDefinitionArn(definition.taskDefinitionArn())
                .agentId(FargateCapacity.AGENT_ID)
                .capacityProviderName(request.byLaunchType() ? null : request.capacityProvider())
                .launchType("FARGATE")
                .platformVersion(FargateCapacity.PLATFORM_VERSION)
                .platformFamily("Linux")
                .availabilityZone(subnet != null ? SubnetZones.zoneOf(arns.region(), subnet) : arns.region() + "a")
                .lastStatus(TaskStatus.PROVISIONING)
                .desiredStatus(DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .version(0)
                .group(request.group())
                .startedBy(request.startedBy())
                .tags(request.tags())
                .overrides(overrides)
                .cpu(overrides.cpu() != null ? overrides.cpu() : definition.cpu())
                .memory(overrides.memory() != null ? overrides.memory() : definition.memory())
                .containers(containers)
                .attachments(attachments)
                .networkConfiguration(request.networkConfiguration())
                .createdAt(tx.now())
                .enableExecuteCommand(request.enableExecuteCommand())
                .build();
    }

    /** ECS's checks of a network configuration against a task definition's network mode. */
    public static void validateNetwork(TaskDefinition definition, NetworkConfiguration networkConfiguration) {
        validateNetwork("awsvpc".equals(definition.effectiveNetworkMode()), networkConfiguration);
    }

    private static void validateNetwork(boolean awsvpc, NetworkConfiguration networkConfiguration) {
        NetworkConfiguration.AwsVpcConfiguration awsvpcConfiguration = networkConfiguration == null ? null
                : networkConfiguration.awsvpcConfiguration();
        if (awsvpc && awsvpcConfiguration == null) {
            throw ApiException.invalidParameter(
                    "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
        if (!awsvpc && awsvpcConfiguration != null) {
            throw ApiException.invalidParameter(
                    "Network Configuration is not valid for the given networkMode of this task definition.");
        }
        if (awsvpc) {
            List<String> subnets = Lists.orEmpty(awsvpcConfiguration.subnets());
            if (subnets.isEmpty()) {
                throw ApiException.invalidParameter("subnets can not be empty.");
            }
            if (subnets.size() > 16) {
                throw ApiException.invalidParameter("at most 16 subnets can be specified.");
            }
            if (Lists.orEmpty(awsvpcConfiguration.securityGroups()).size() > 5) {
                throw ApiException.invalidParameter("at most 5 securityGroups can be specified.");
            }
            String publicIp = awsvpcConfiguration.assignPublicIp();
            if (publicIp != null && !List.of("ENABLED", "DISABLED").contains(publicIp)) {
                throw ApiException.invalidParameter("assignPublicIp must be ENABLED or DISABLED.");
            }
        }
    }

    /**
     * The subnet of a new awsvpc task: spread over the zones of its subnets against the live tasks of its group (a
     * service's tasks, or RunTask's group), counting those the same transaction already launched.
     */
    private String subnetFor(Snapshot state, Cluster cluster, Request request) {
        List<String> subnets = request.networkConfiguration().awsvpcConfiguration().subnets();
        List<String> placed = request.group() == null ? List.of()
                : state.indexed(Kind.TASK, Kind.groupKey(cluster.clusterArn(), request.group()))
                        .filter(t -> !t.isStopped() && t.desiredStatus() == DesiredStatus.RUNNING)
                        .flatMap(t -> Lists.orEmpty(t.attachments()).stream())
                        .map(a -> a.detail("subnetId"))
                        .filter(Objects::nonNull)
                        .toList();
        return ZoneSpread.next(subnets, placed, subnet -> SubnetZones.zoneOf(arns.region(), subnet), 1).getFirst();
    }

    private Attachment eni(String subnet) {
        UUID id = ids.get();
        String hex = hex(id);
        String mac = "02:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6) + ":"
                + hex.substring(6, 8) + ":" + hex.substring(8, 10);
        return new Attachment(id.toString(), "ElasticNetworkInterface", "PRECREATED", List.of(
                new KeyValuePair("subnetId", subnet),
                new KeyValuePair("networkInterfaceId", "eni-" + hex.substring(0, 17)),
                new KeyValuePair("macAddress", mac),
                new KeyValuePair("privateDnsName", ""),
                new KeyValuePair("privateIPv4Address", "")));
    }

    private static String hex(UUID id) {
        return HexFormat.of().toHexDigits(id.getMostSignificantBits()) + HexFormat.of().toHexDigits(id.getLeastSignificantBits());
    }
}
