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
