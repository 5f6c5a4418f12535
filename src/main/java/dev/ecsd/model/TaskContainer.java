package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One container of a task as the agent last reported it. {@code runtimeId} is the engine's container id;
 * {@code startedAt} and {@code finishedAt} are kept for dependsOn and health rules, not shown by ECS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskContainer(
        String containerArn,
        String name,
        String image,
        String runtimeId,
        ContainerStatus lastStatus,
        Integer exitCode,
        String reason,
        List<NetworkBinding> networkBindings,
        HealthStatus healthStatus,
        boolean essential,
        String cpu,
        String memory,
        String memoryReservation,
        Instant startedAt,
        Instant finishedAt,
        String imageDigest) {

    public TaskContainer {
        networkBindings = Lists.copy(networkBindings);
    }

    /** A container whose image's digest is not known yet (it is learnt when the agent pulls the image). */
    public TaskContainer(String containerArn, String name, String image, String runtimeId, ContainerStatus lastStatus,
            Integer exitCode, String reason, List<NetworkBinding> networkBindings, HealthStatus healthStatus,
            boolean essential, String cpu, String memory, String memoryReservation, Instant startedAt,
            Instant finishedAt) {
        this(containerArn, name, image, runtimeId, lastStatus, exitCode, reason, networkBindings, healthStatus,
                essential, cpu, memory, memoryReservation, startedAt, finishedAt, null);
    }

    public TaskContainer withRuntimeId(String id) {
        return new TaskContainer(containerArn, name, image, id, lastStatus, exitCode, reason, networkBindings,
                healthStatus, essential, cpu, memory, memoryReservation, startedAt, finishedAt, imageDigest);
    }

    public TaskContainer running(Instant at, List<NetworkBinding> bindings) {
        return new TaskContainer(containerArn, name, image, runtimeId, ContainerStatus.RUNNING, null, null, bindings,
                healthStatus, essential, cpu, memory, memoryReservation, startedAt == null ? at : startedAt, null,
                imageDigest);
    }

    public TaskContainer stopped(Integer code, String why, Instant at) {
        return new TaskContainer(containerArn, name, image, runtimeId, ContainerStatus.STOPPED, code, why,
                networkBindings, healthStatus, essential, cpu, memory, memoryReservation, startedAt,
                finishedAt == null ? at : finishedAt, imageDigest);
    }

    public TaskContainer withHealth(HealthStatus health) {
        return new TaskContainer(containerArn, name, image, runtimeId, lastStatus, exitCode, reason, networkBindings,
                health, essential, cpu, memory, memoryReservation, startedAt, finishedAt, imageDigest);
    }

    public TaskContainer withReason(String why) {
        return new TaskContainer(containerArn, name, image, runtimeId, lastStatus, exitCode, why, networkBindings,
                healthStatus, essential, cpu, memory, memoryReservation, startedAt, finishedAt, imageDigest);
    }

    public TaskContainer withImageDigest(String digest) {
        return new TaskContainer(containerArn, name, image, runtimeId, lastStatus, exitCode, reason, networkBindings,
                healthStatus, essential, cpu, memory, memoryReservation, startedAt, finishedAt, digest);
    }
}
