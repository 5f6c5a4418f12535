package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.model.Attachment;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.TaskEphemeralStorage;

/** Maps tasks to the SDK shape, with the fields ECS fills in for Fargate tasks. */
final class TaskMapper {
    private static final int DEFAULT_EPHEMERAL_STORAGE_GIB = 20;

    private TaskMapper() {
    }

    /** The task as ECS describes it; {@code definition} is its task definition, or null if it is gone. */
    static software.amazon.awssdk.services.ecs.model.Task toSdk(Task task, TaskDefinition definition,
            boolean includeTags) {
        boolean fargate = "FARGATE".equals(task.launchType());
        Attachment eni = Lists.orEmpty(task.attachments()).stream()
                .filter(a -> "ElasticNetworkInterface".equals(a.type())).findFirst().orElse(null);
        software.amazon.awssdk.services.ecs.model.Task.Builder builder = software.amazon.awssdk.services.ecs.model.Task
                .builder()
                .taskArn(task.taskArn())
                .clusterArn(task.clusterArn())
                .taskDefinitionArn(task.taskDefinitionArn())
                .containerInstanceArn(task.containerInstanceArn())
                .capacityProviderName(task.capacityProviderName())
                .launchType(task.launchType())
                .platformVersion(task.platformVersion())
                .platformFamily(task.platformFamily())
                .availabilityZone(task.availabilityZone())
                .lastStatus(task.lastStatus().name())
                .desiredStatus(task.desiredStatus().name())
                .healthStatus(task.healthStatus() == null ? "UNKNOWN" : task.healthStatus().name())
                .version(task.version())
                .group(task.group())
                .startedBy(task.startedBy())
                .cpu(task.cpu())
                .memory(task.memory())
                .attachments(attachments(task.attachments()))
                .attributes(cpuArchitecture())
                .containers(containers(task, eni))
                .overrides(overrides(task))
                .createdAt(task.createdAt())
                .pullStartedAt(task.pullStartedAt())
                .pullStoppedAt(task.pullStoppedAt())
                .connectivity(task.connectivityAt() == null ? null : "CONNECTED")
                .connectivityAt(task.connectivityAt())
                .startedAt(task.startedAt())
                .stoppingAt(task.stoppingAt())
                .executionStoppedAt(task.executionStoppedAt())
                .stoppedAt(task.stoppedAt())
                .stopCode(task.stopCode() == null ? null : task.stopCode().name())
                .stoppedReason(task.stoppedReason())
                .enableExecuteCommand(task.enableExecuteCommand())
                .tags(includeTags ? ClusterMapper.tags(task.tags()) : List.of());
        if (fargate) {
            int size = ephemeralStorageGiB(task, definition);
            builder.ephemeralStorage(EphemeralStorage.builder().sizeInGiB(size).build())
                    .fargateEphemeralStorage(TaskEphemeralStorage.builder().sizeInGiB(size).build());
        }
        return builder.build();
    }

    /** RunTask's override, else the definition's ephemeralStorage, else Fargate's default of 20 GiB. */
    private static int ephemeralStorageGiB(Task task, TaskDefinition definition) {
        Integer overridden = task.overrides() == null ? null
                : sizeInGiB(Lists.orEmpty(task.overrides().additionalFields()).get("ephemeralStorage"));
        if (overridden != null) {
            return overridden;
        }
        Integer defined = definition == null ? null
                : sizeInGiB(Lists.orEmpty(definition.additionalFields()).get("ephemeralStorage"));
        return defined != null ? defined : DEFAULT_EPHEMERAL_STORAGE_GIB;
    }

    private static Integer sizeInGiB(Object ephemeralStorage) {
        return ephemeralStorage instanceof Map<?, ?> storage && storage.get("sizeInGiB") instanceof Number size
                ? size.intValue() : null;
    }

    /**
     * Attachments as ECS shows them: while an interface is PRECREATED it does not exist yet, so only its subnet
     * is shown; details without a value yet are left out.
     */
    private static List<software.amazon.awssdk.services.ecs.model.Attachment> attachments(List<Attachment> attachments) {
        return Lists.orEmpty(attachments).stream()
                .map(a -> software.amazon.awssdk.services.ecs.model.Attachment.builder()
                        .id(a.id())
                        .type(a.type())
                        .status(a.status())
                        .details(Lists.orEmpty(a.details()).stream()
                                .filter(d -> d.value() != null && !d.value().isEmpty())
                                .filter(d -> !"PRECREATED".equals(a.status()) || "subnetId".equals(d.name()))
                                .map(d -> KeyValuePair.builder().name(d.name()).value(d.value()).build()).toList())
                        .build())
                .toList();
    }

    private static List<Container> containers(Task task, Attachment eni) {
        List<Container> containers = new ArrayList<>();
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            Container.Builder builder = Container.builder()
                    .containerArn(container.containerArn())
                    .taskArn(task.taskArn())
                    .name(container.name())
                    .image(container.image())
                    .runtimeId(container.runtimeId())
                    .imageDigest(container.imageDigest())
                    .lastStatus(container.lastStatus().name())
                    .exitCode(container.exitCode())
                    .reason(container.reason())
                    .networkBindings(bindings(container.networkBindings()))
                    .healthStatus(container.healthStatus() == null ? "UNKNOWN" : container.healthStatus().name())
                    .cpu(container.cpu())
                    .memory(container.memory())
                    .memoryReservation(container.memoryReservation());
            String address = eni == null ? null : eni.detail("privateIPv4Address");
            if (address != null && !address.isEmpty()) {
                // ECS lists a container's interface once it has an address; before that, none
                builder.networkInterfaces(NetworkInterface.builder()
                        .attachmentId(eni.id())
                        .privateIpv4Address(address)
                        .build());
            } else {
                builder.networkInterfaces(List.of());
            }
            containers.add(builder.build());
        }
        return containers;
    }

    private static List<software.amazon.awssdk.services.ecs.model.NetworkBinding> bindings(List<NetworkBinding> bindings) {
        return Lists.orEmpty(bindings).stream()
                .map(b -> software.amazon.awssdk.services.ecs.model.NetworkBinding.builder()
                        .bindIP(b.bindIP())
                        .containerPort(b.containerPort())
                        .hostPort(b.hostPort())
                        .protocol(b.protocol())
                        .build())
                .toList();
    }

    /** The overrides as ECS reports them: one entry per container, with what was overridden. */
    private static software.amazon.awssdk.services.ecs.model.TaskOverride overrides(Task task) {
        TaskOverride given = task.overrides() == null ? TaskOverride.none() : task.overrides();
        software.amazon.awssdk.services.ecs.model.TaskOverride converted =
                SdkBridge.toSdk(given, software.amazon.awssdk.services.ecs.model.TaskOverride::builder);
        List<ContainerOverride> perContainer = new ArrayList<>();
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            perContainer.add(converted.containerOverrides().stream().filter(o -> container.name().equals(o.name()))
                    .findFirst().orElse(ContainerOverride.builder().name(container.name()).build()));
        }
        return converted.toBuilder().containerOverrides(perContainer).inferenceAcceleratorOverrides(List.of()).build();
    }

    /** The CPU architecture attribute ECS reports on every task. */
    private static software.amazon.awssdk.services.ecs.model.Attribute cpuArchitecture() {
        String arch = System.getProperty("os.arch", "amd64");
        return software.amazon.awssdk.services.ecs.model.Attribute.builder()
                .name("ecs.cpu-architecture")
                .value(arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x86_64")
                .build();
    }
}
