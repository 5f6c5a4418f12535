package dev.ecsd.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything a runtime needs to create one container. Null fields mean "the runtime's default". */
public record ContainerSpec(
        String name,
        String image,
        List<String> entryPoint,
        List<String> command,
        Map<String, String> environment,
        String workingDirectory,
        String user,
        Map<String, String> labels,
        Network network,
        List<Port> ports,
        Long memoryLimitBytes,
        Long memoryReservationBytes,
        Integer cpuShares,
        Long nanoCpus,
        HealthCheck healthCheck,
        List<Ulimit> ulimits,
        boolean readonlyRootFilesystem,
        List<Mount> mounts,
        boolean initProcess,
        String hostname,
        List<String> extraHosts,
        boolean privileged,
        Duration stopTimeout) {

    public ContainerSpec {
        entryPoint = entryPoint == null ? null : List.copyOf(entryPoint);
        command = command == null ? null : List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    /** This spec with the container made from {@code from} (where its image was pulled from) instead. */
    public ContainerSpec withImage(String from) {
        return from.equals(image) ? this : new ContainerSpec(name, from, entryPoint, command, environment,
                workingDirectory, user, labels, network, ports, memoryLimitBytes, memoryReservationBytes, cpuShares,
                nanoCpus, healthCheck, ulimits, readonlyRootFilesystem, mounts, initProcess, hostname, extraHosts,
                privileged, stopTimeout);
    }

    /** Names the environment's variables but shows none of their values: some are secrets. */
    @Override
    public String toString() {
        return "ContainerSpec[name=" + name + ", image=" + image + ", environment=" + environment.keySet()
                + ", labels=" + labels + ", network=" + network + "]";
    }

    /** How the container is networked: a Docker network mode, or sharing another container's namespace. */
    public record Network(Mode mode, String joinContainerId) {
        public enum Mode { BRIDGE, HOST, NONE, CONTAINER }

        public static Network bridge() {
            return new Network(Mode.BRIDGE, null);
        }

        public static Network host() {
            return new Network(Mode.HOST, null);
        }

        public static Network none() {
            return new Network(Mode.NONE, null);
        }

        public static Network joining(String containerId) {
            return new Network(Mode.CONTAINER, containerId);
        }
    }

    /** A published port: on {@code hostIp}, at {@code hostPort} or, when null or 0, a port the engine picks. */
    public record Port(int containerPort, String protocol, String hostIp, Integer hostPort) {
    }

    /** A container health check, as Docker runs it: {@code test} is {@code ["CMD-SHELL", "..."]} or {@code ["CMD", ...]}. */
    public record HealthCheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
        public HealthCheck {
            test = List.copyOf(test);
        }
    }

    public record Ulimit(String name, long soft, long hard) {
    }

    /** A bind mount of a host path or a named volume. */
    public record Mount(Type type, String source, String target, boolean readOnly) {
        public enum Type { BIND, VOLUME }
    }
}
