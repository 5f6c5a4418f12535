package dev.ecsd.agent.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the runtime reports about one container at one moment. {@code imageId} and {@code createdAt} are null when the
 * runtime does not know them.
 */
public record ContainerObservation(
        String id,
        String name,
        Map<String, String> labels,
        State state,
        Integer exitCode,
        boolean oomKilled,
        Health health,
        Instant startedAt,
        Instant finishedAt,
        List<PortBinding> ports,
        String ipAddress,
        String error,
        String imageId,
        Instant createdAt) {

    public ContainerObservation {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public ContainerObservation(String id, String name, Map<String, String> labels, State state, Integer exitCode,
            boolean oomKilled, Health health, Instant startedAt, Instant finishedAt, List<PortBinding> ports,
            String ipAddress, String error) {
        this(id, name, labels, state, exitCode, oomKilled, health, startedAt, finishedAt, ports, ipAddress, error,
                null, null);
    }

    public enum State { CREATED, RUNNING, EXITED }

    public enum Health { NONE, STARTING, HEALTHY, UNHEALTHY }

    /** A published port as bound on the host. */
    public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public boolean hasExited() {
        return state == State.EXITED;
    }
}
