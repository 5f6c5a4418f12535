package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads docker-java's inspect response into a {@link ContainerObservation}. */
final class DockerObservations {
    private DockerObservations() {
    }

    static ContainerObservation from(InspectContainerResponse inspected) {
        InspectContainerResponse.ContainerState state = inspected.getState();
        ContainerObservation.State lifecycle = state(state.getStatus());
        Long exitCode = state.getExitCodeLong();
        return new ContainerObservation(
                inspected.getId(),
                name(inspected.getName()),
                inspected.getConfig() == null ? Map.of() : inspected.getConfig().getLabels(),
                lifecycle,
                lifecycle == ContainerObservation.State.EXITED && exitCode != null ? exitCode.intValue() : null,
                Boolean.TRUE.equals(state.getOOMKilled()),
                health(state.getHealth() == null ? null : state.getHealth().getStatus()),
                instant(state.getStartedAt()),
                instant(state.getFinishedAt()),
                ports(inspected.getNetworkSettings()),
                ipAddress(inspected.getNetworkSettings()),
                blankToNull(state.getError()),
                blankToNull(inspected.getImageId()),
                instant(inspected.getCreated()));
    }

    /** Docker's states: created, running, paused, restarting, removing, exited, dead. */
    static ContainerObservation.State state(String status) {
        return switch (status == null ? "" : status) {
            case "created" -> ContainerObservation.State.CREATED;
            case "running", "paused", "restarting" -> ContainerObservation.State.RUNNING;
            default -> ContainerObservation.State.EXITED;
        };
    }

    static ContainerObservation.Health health(String status) {
        return switch (status == null ? "" : status) {
            case "starting" -> ContainerObservation.Health.STARTING;
            case "healthy" -> ContainerObservation.Health.HEALTHY;
            case "unhealthy" -> ContainerObservation.Health.UNHEALTHY;
            default -> ContainerObservation.Health.NONE;
        };
    }

    private static String name(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    /** Docker writes "0001-01-01T00:00:00Z" for a time that has not happened. */
    static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<ContainerObservation.PortBinding> ports(NetworkSettings network) {
        if (network == null || network.getPorts() == null) {
            return List.of();
        }
        List<ContainerObservation.PortBinding> ports = new ArrayList<>();
        for (Map.Entry<ExposedPort, Ports.Binding[]> entry : network.getPorts().getBindings().entrySet()) {
            if (entry.getValue() == null) {
                continue; // exposed but not published
            }
            for (Ports.Binding binding : entry.getValue()) {
                if (binding.getHostPortSpec() == null || binding.getHostPortSpec().isBlank()) {
                    continue;
                }
                ports.add(new ContainerObservation.PortBinding(entry.getKey().getPort(),
                        entry.getKey().getProtocol().toString(), binding.getHostIp(),
                        Integer.parseInt(binding.getHostPortSpec())));
            }
        }
        ports.sort(Comparator.comparingInt(ContainerObservation.PortBinding::containerPort)
                .thenComparing(ContainerObservation.PortBinding::protocol)
                .thenComparing(p -> String.valueOf(p.hostIp())));
        return ports;
    }

    private static String ipAddress(NetworkSettings network) {
        if (network == null) {
            return null;
        }
        if (network.getIpAddress() != null && !network.getIpAddress().isBlank()) {
            return network.getIpAddress();
        }
        if (network.getNetworks() != null) {
            for (ContainerNetwork attached : network.getNetworks().values()) {
                if (attached.getIpAddress() != null && !attached.getIpAddress().isBlank()) {
                    return attached.getIpAddress();
                }
            }
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
