package dev.ecsd.channel;

import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.NetworkBinding;
import java.util.List;

/**
 * What happened to one container of a task; a null field is unchanged (an {@code imageDigest} is the
 * image manifest's digest, told when the image was pulled from a registry). {@code status} RUNNING means it started
 * (with its port bindings), STOPPED that it exited (with its exit code and reason); {@code reason} alone sets why
 * a container could not run.
 */
public record ContainerStateChange(
        String containerName,
        String runtimeId,
        ContainerStatus status,
        Integer exitCode,
        String reason,
        List<NetworkBinding> networkBindings,
        HealthStatus healthStatus,
        String imageDigest) {

    public ContainerStateChange(String containerName, String runtimeId, ContainerStatus status, Integer exitCode,
            String reason, List<NetworkBinding> networkBindings, HealthStatus healthStatus) {
        this(containerName, runtimeId, status, exitCode, reason, networkBindings, healthStatus, null);
    }

    public static ContainerStateChange created(String name, String runtimeId) {
        return created(name, runtimeId, null);
    }

    /** A container created from an image whose manifest digest the pull told ({@code imageDigest}, else null). */
    public static ContainerStateChange created(String name, String runtimeId, String imageDigest) {
        return new ContainerStateChange(name, runtimeId, null, null, null, null, null, imageDigest);
    }

    public static ContainerStateChange started(String name, List<NetworkBinding> bindings) {
        return new ContainerStateChange(name, null, ContainerStatus.RUNNING, null, null, List.copyOf(bindings), null);
    }

    public static ContainerStateChange exited(String name, Integer exitCode, String reason) {
        return new ContainerStateChange(name, null, ContainerStatus.STOPPED, exitCode, reason, null, null);
    }

    public static ContainerStateChange health(String name, HealthStatus health) {
        return new ContainerStateChange(name, null, null, null, null, null, health);
    }

    public static ContainerStateChange reason(String name, String reason) {
        return new ContainerStateChange(name, null, null, null, reason, null, null);
    }
}
