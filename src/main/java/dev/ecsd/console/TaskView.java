package dev.ecsd.console;

import dev.ecsd.model.Arns;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerOverride;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Secret;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the task page shows of a task, computed from a snapshot: its facts, its timeline, its containers with their
 * ports as links to the published addresses, their environment as ECS's console shows it, and where each one's log
 * is. A secret's value is never here: a task holds only where a secret comes from ({@code valueFrom}).
 */
public record TaskView(String region, String cluster, String taskId, String taskArn, String lastStatus,
        String desiredStatus, String healthStatus, String group, String groupHref, String taskDefinition,
        String taskDefinitionHref, String launchType, String capacityProvider, String cpu, String memory,
        String availabilityZone, String startedBy, Instant createdAt, String stopCode, String stoppedReason,
        boolean stopped, boolean stoppable, List<TaskTimeline.Step> timeline, List<ContainerView> containers) {

    /** One container of the task. */
    public record ContainerView(String name, String image, String imageDigest, String lastStatus, Integer exitCode,
            String reason, String healthStatus, boolean essential, List<PortLink> ports,
            List<KeyValuePair> environment, List<Secret> secrets, TaskLogTail.Source log) {

        /** Whether the container stopped with a code other than 0: shown as a failure. */
        public boolean failed() {
            return exitCode != null && exitCode != 0;
        }
    }

    /** A published port and the address a browser on this machine opens it at. */
    public record PortLink(Integer containerPort, Integer hostPort, String protocol, String href) {
    }

    /** The task's view, if the cluster has a task of that id. */
    public static Optional<TaskView> of(Snapshot state, Arns arns, String cluster, String taskId) {
        return state.find(Kind.TASK, arns.task(cluster, taskId))
                .filter(task -> task.clusterArn().equals(arns.cluster(cluster)))
                .map(task -> of(task, state.find(Kind.TASK_DEFINITION, task.taskDefinitionArn()).orElse(null),
                        arns.region(), cluster));
    }

    /** The view of a task and its definition (null if it is gone). */
    public static TaskView of(Task task, TaskDefinition definition, String region, String cluster) {
        String service = task.group() != null && task.group().startsWith("service:")
                ? task.group().substring("service:".length()) : null;
        Revision revision = Revision.of(task.taskDefinitionArn());
        List<ContainerView> containers = new ArrayList<>();
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            ContainerDefinition spec = definition == null ? null : definition.container(container.name()).orElse(null);
            containers.add(container(task, container, spec));
        }
        return new TaskView(region, cluster, task.taskId(), task.taskArn(), name(task.lastStatus()),
                name(task.desiredStatus()), name(task.healthStatus()), task.group(),
                service == null ? null : ConsolePaths.service(region, cluster, service),
                revision == null ? task.taskDefinitionArn() : revision.family() + ":" + revision.number(),
                revision == null ? null : ConsolePaths.revision(region, revision.family(), revision.number()),
                task.launchType(), task.capacityProviderName(), task.cpu(), task.memory(), task.availabilityZone(),
                task.startedBy(), task.createdAt(), name(task.stopCode()), task.stoppedReason(), task.isStopped(),
                task.desiredStatus() != DesiredStatus.STOPPED, TaskTimeline.of(task),
                List.copyOf(containers));
    }

    private static ContainerView container(Task task, TaskContainer container, ContainerDefinition spec) {
        List<PortLink> ports = Lists.orEmpty(container.networkBindings()).stream()
                .filter(binding -> binding.hostPort() != null)
                .map(TaskView::link)
                .toList();
        List<KeyValuePair> environment = spec == null ? List.of()
                : environment(spec, Optional.ofNullable(task.overrides()).flatMap(o -> o.forContainer(spec.name())));
        List<Secret> secrets = spec == null ? List.of() : Lists.orEmpty(spec.secrets());
        TaskLogTail.Source log = spec == null ? null
                : TaskLogTail.source(spec, task.taskId(), container.runtimeId()).orElse(null);
        return new ContainerView(container.name(), container.image(), container.imageDigest(),
                name(container.lastStatus()), container.exitCode(), container.reason(),
                name(container.healthStatus()), container.essential(), ports, environment, secrets, log);
    }

    /** The address of a published port: its bind address, or the loopback one when it is bound to all. */
    static PortLink link(NetworkBinding binding) {
        String host = binding.bindIP() == null || binding.bindIP().isEmpty() || binding.bindIP().equals("0.0.0.0")
                || binding.bindIP().equals("::") ? "127.0.0.1" : binding.bindIP();
        String address = host.contains(":") ? "[" + host + "]" : host;
        return new PortLink(binding.containerPort(), binding.hostPort(),
                binding.protocol() == null ? "tcp" : binding.protocol(),
                "http://" + address + ":" + binding.hostPort() + "/");
    }

    /** The definition's environment with RunTask's overrides over it, in the definition's order then the new ones. */
    static List<KeyValuePair> environment(ContainerDefinition spec, Optional<ContainerOverride> override) {
        Map<String, String> values = new LinkedHashMap<>();
        Lists.orEmpty(spec.environment()).forEach(pair -> values.put(pair.name(), pair.value()));
        override.ifPresent(o -> Lists.orEmpty(o.environment()).forEach(pair -> values.put(pair.name(), pair.value())));
        return values.entrySet().stream().map(e -> new KeyValuePair(e.getKey(), e.getValue())).toList();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A family and revision read from a task definition ARN. */
    record Revision(String family, int number) {
        static Revision of(String arn) {
            if (arn == null) {
                return null;
            }
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            int colon = name.lastIndexOf(':');
            if (colon < 1) {
                return null;
            }
            try {
                return new Revision(name.substring(0, colon), Integer.parseInt(name.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
