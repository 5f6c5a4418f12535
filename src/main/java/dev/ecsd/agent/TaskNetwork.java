package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.Attachment;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a task's network is described once it exists: ENI attachment details and containers' bindings. Pure. */
final class TaskNetwork {
    private TaskNetwork() {
    }

    /** The ENI attachments ATTACHED, with the address of the container holding the task's network namespace. */
    static List<Attachment> attached(List<Attachment> attachments, ContainerObservation pause) {
        List<Attachment> result = new ArrayList<>();
        for (Attachment attachment : Lists.orEmpty(attachments)) {
            if (!"ElasticNetworkInterface".equals(attachment.type())) {
                result.add(attachment);
                continue;
            }
            String ip = pause.ipAddress() == null || pause.ipAddress().isEmpty() ? "127.0.0.1" : pause.ipAddress();
            List<KeyValuePair> details = new ArrayList<>();
            for (KeyValuePair detail : Lists.orEmpty(attachment.details())) {
                switch (detail.name()) {
                    case "privateIPv4Address" -> details.add(new KeyValuePair(detail.name(), ip));
                    case "privateDnsName" -> details.add(new KeyValuePair(detail.name(),
                            "ip-" + ip.replace('.', '-') + ".ec2.internal"));
                    default -> details.add(detail);
                }
            }
            result.add(new Attachment(attachment.id(), attachment.type(), "ATTACHED", details));
        }
        return result;
    }

    /**
     * Where a container's ports are published when its definition alone says so, so that its start needs no look at
     * the engine after it: in host mode each port is the host's own, in none mode there is none, and in bridge mode
     * each port is at the fixed host port its mapping names, on {@link ContainerSpecs#HOST_IP}. Empty when the
     * engine picks a host port (bridge, hostPort 0 or absent) or when the container holding an awsvpc task's
     * network publishes them: that container's address is the ENI's, which only the engine can tell.
     */
    static Optional<List<NetworkBinding>> knownBindings(TaskDefinition definition, String name) {
        ContainerDefinition container = definition.container(name).orElseThrow();
        String mode = definition.effectiveNetworkMode();
        if ("host".equals(mode)) {
            return Optional.of(bindings(definition, name, null));
        }
        if ("none".equals(mode)) {
            return Optional.of(List.of());
        }
        if (!"bridge".equals(mode)) {
            return Optional.empty();
        }
        List<NetworkBinding> bindings = new ArrayList<>();
        for (PortMapping mapping : Lists.orEmpty(container.portMappings())) {
            if (mapping.containerPort() == null) {
                continue; // a range: not published one by one (see ContainerSpecs)
            }
            if (mapping.hostPort() == null || mapping.hostPort() == 0) {
                return Optional.empty();
            }
            bindings.add(new NetworkBinding(ContainerSpecs.HOST_IP, mapping.containerPort(), mapping.hostPort(),
                    mapping.protocolOrTcp()));
        }
        return Optional.of(bindings);
    }

    /**
     * Where a container's ports are published, read from {@code publisher}: the container itself, or for awsvpc
     * the container holding the task's network. In host mode a port is the host's own.
     */
    static List<NetworkBinding> bindings(TaskDefinition definition, String name, ContainerObservation publisher) {
        ContainerDefinition container = definition.container(name).orElseThrow();
        if ("host".equals(definition.effectiveNetworkMode())) {
            return Lists.orEmpty(container.portMappings()).stream()
                    .filter(m -> m.containerPort() != null)
                    .map(m -> new NetworkBinding("0.0.0.0", m.containerPort(), m.containerPort(), m.protocolOrTcp()))
                    .toList();
        }
        if (publisher == null) {
            return List.of();
        }
        List<NetworkBinding> bindings = new ArrayList<>();
        for (PortMapping mapping : Lists.orEmpty(container.portMappings())) {
            for (ContainerObservation.PortBinding binding : publisher.ports()) {
                if (mapping.containerPort() != null && binding.containerPort() == mapping.containerPort()
                        && binding.protocol().equalsIgnoreCase(mapping.protocolOrTcp())) {
                    bindings.add(new NetworkBinding(binding.hostIp(), binding.containerPort(), binding.hostPort(),
                            mapping.protocolOrTcp()));
                }
            }
        }
        return bindings;
    }
}
