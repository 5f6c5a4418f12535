package dev.ecsd.agent.endpoint;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.Attachment;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task metadata endpoint's answers (versions 3 and 4) as the ECS agent shapes them, with its field names: a
 * container's metadata and its task's. Built from what the agent knows of the task (its record and definition) and
 * what the runtime shows of its containers right now. Pure: maps and lists, ready to be written as JSON; absent values
 * are left out, as the agent's {@code omitempty} fields are.
 */
public final class TaskMetadata {
    private TaskMetadata() {
    }

    /** Metadata version: 3 or 4 (4 adds ENI details, the log configuration, the container ARN, the launch type). */
    public enum Version { V3, V4 }

    /**
     * @param observed the task's containers as the runtime shows them, by runtime id (the network container too)
     */
    public static Map<String, Object> task(Task task, TaskDefinition definition,
            Map<String, ContainerObservation> observed, Version version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Cluster", task.clusterArn());
        json.put("TaskARN", task.taskArn());
        json.put("Family", definition.family());
        json.put("Revision", String.valueOf(definition.revision()));
        json.put("DesiredStatus", task.desiredStatus().name());
        json.put("KnownStatus", task.lastStatus().name());
        List<Object> containers = new ArrayList<>();
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            containers.add(container(task, definition, container.name(), observed, version));
        }
        json.put("Containers", containers);
        Map<String, Object> limits = new LinkedHashMap<>();
        Double cpu = number(task.cpu());
        putIfPresent(limits, "CPU", cpu == null ? null : cpu / 1024);
        Double memory = number(task.memory());
        putIfPresent(limits, "Memory", memory == null ? null : memory.longValue());
        if (!limits.isEmpty()) {
            json.put("Limits", limits);
        }
        putIfPresent(json, "PullStartedAt", time(task.pullStartedAt()));
        putIfPresent(json, "PullStoppedAt", time(task.pullStoppedAt()));
        putIfPresent(json, "ExecutionStoppedAt", time(task.executionStoppedAt()));
        putIfPresent(json, "AvailabilityZone", task.availabilityZone());
        if (version == Version.V4) {
            putIfPresent(json, "LaunchType", task.launchType());
            if (task.group() != null && task.group().startsWith("service:")) {
                json.put("ServiceName", task.group().substring("service:".length()));
            }
        }
        return json;
    }

    /** One container's metadata; {@code name} is its name in the task definition. */
    public static Map<String, Object> container(Task task, TaskDefinition definition, String name,
            Map<String, ContainerObservation> observed, Version version) {
        TaskContainer container = Lists.orEmpty(task.containers()).stream().filter(c -> c.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("task has no container " + name));
        ContainerDefinition spec = definition.container(name).orElse(null);
        ContainerObservation seen = container.runtimeId() == null ? null : observed.get(container.runtimeId());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("DockerId", container.runtimeId() == null ? "" : container.runtimeId());
        json.put("Name", name);
        json.put("DockerName", seen != null && seen.name() != null ? stripSlash(seen.name())
                : ContainerSpecs.dockerName(task, definition, name));
        json.put("Image", container.image());
        json.put("ImageID", seen != null && seen.imageId() != null ? seen.imageId() : "");
        List<Object> ports = ports(container.networkBindings());
        if (!ports.isEmpty()) {
            json.put("Ports", ports);
        }
        Map<String, String> labels = seen != null ? seen.labels()
                : ContainerSpecs.labels(task, definition, name, "");
        Map<String, String> ecsLabels = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (!key.equals(ContainerSpecs.LABEL_INSTANCE)) {
                ecsLabels.put(key, value);
            }
        });
        json.put("Labels", ecsLabels);
        json.put("DesiredStatus", task.desiredStatus() == DesiredStatus.RUNNING ? "RUNNING" : "STOPPED");
        json.put("KnownStatus", container.lastStatus() == null ? "PENDING" : container.lastStatus().name());
        putIfPresent(json, "ExitCode", container.exitCode());
        Map<String, Object> limits = new LinkedHashMap<>();
        Double cpu = number(container.cpu());
        limits.put("CPU", cpu == null ? 0 : cpu);
        Double memory = number(container.memory());
        putIfPresent(limits, "Memory", memory == null ? null : memory.longValue());
        json.put("Limits", limits);
        putIfPresent(json, "CreatedAt", time(seen == null ? null : seen.createdAt()));
        putIfPresent(json, "StartedAt", time(container.startedAt() != null ? container.startedAt()
                : seen == null ? null : seen.startedAt()));
        putIfPresent(json, "FinishedAt", time(container.finishedAt()));
        json.put("Type", "NORMAL");
        List<Object> networks = networks(task, definition, seen, observed, version);
        if (!networks.isEmpty()) {
            json.put("Networks", networks);
        }
        if (version == Version.V4) {
            if (spec != null && spec.logConfiguration() != null) {
                putIfPresent(json, "LogDriver", spec.logConfiguration().logDriver());
                if (!Lists.orEmpty(spec.logConfiguration().options()).isEmpty()) {
                    json.put("LogOptions", spec.logConfiguration().options());
                }
            }
            putIfPresent(json, "ContainerARN", container.containerArn());
        }
        return json;
    }

    private static List<Object> networks(Task task, TaskDefinition definition, ContainerObservation seen,
            Map<String, ContainerObservation> observed, Version version) {
        String mode = definition.effectiveNetworkMode();
        String address = seen == null ? null : seen.ipAddress();
        if ("awsvpc".equals(mode)) {
            // the containers share the network container's namespace and address
            address = observed.values().stream()
                    .filter(o -> ContainerSpecs.PAUSE_CONTAINER_NAME.equals(o.labels().get(ContainerSpecs.LABEL_CONTAINER_NAME)))
                    .map(ContainerObservation::ipAddress).filter(ip -> ip != null && !ip.isEmpty()).findFirst()
                    .orElse(address);
        }
        if ("host".equals(mode) || "none".equals(mode)) {
            return List.of(Map.of("NetworkMode", mode));
        }
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("NetworkMode", mode);
        if (address != null && !address.isEmpty()) {
            network.put("IPv4Addresses", List.of(address));
        }
        if (version == Version.V4 && "awsvpc".equals(mode)) {
            Attachment eni = Lists.orEmpty(task.attachments()).stream()
                    .filter(a -> "ElasticNetworkInterface".equals(a.type())).findFirst().orElse(null);
            network.put("AttachmentIndex", 0);
            if (eni != null) {
                putIfPresent(network, "MACAddress", eni.detail("macAddress"));
                String dns = eni.detail("privateDnsName");
                putIfPresent(network, "PrivateDNSName", dns == null || dns.isEmpty() ? null : dns);
            }
        }
        return List.of(network);
    }

    private static List<Object> ports(List<NetworkBinding> bindings) {
        List<Object> ports = new ArrayList<>();
        for (NetworkBinding binding : Lists.orEmpty(bindings)) {
            Map<String, Object> port = new LinkedHashMap<>();
            putIfPresent(port, "ContainerPort", binding.containerPort());
            putIfPresent(port, "Protocol", binding.protocol());
            putIfPresent(port, "HostPort", binding.hostPort());
            putIfPresent(port, "HostIp", binding.bindIP());
            ports.add(port);
        }
        return ports;
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /** A time as the agent writes it: RFC 3339 in UTC with the fraction it has. */
    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
