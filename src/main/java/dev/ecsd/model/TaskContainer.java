package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One container of a task as its agent last reported it, in the members DescribeTasks shows. {@code runtimeId} is
 * the engine's container id, which ECS shows too; when a container started is the agent's business (it asks its
 * runtime), not the record's.
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
        String memoryReservation) {

    public TaskContainer {
        networkBindings = Lists.copy(networkBindings);
    }

    public TaskContainer withRuntimeId(String id) {
        return new TaskContainer(containerArn, name, image, id, lastStatus, exitCode, reason, networkBindings,
                healthStatus, essential, cpu, memory, memoryReservation);
    }

    public TaskContainer running(List<NetworkBinding> bindings) {
        return new TaskContainer(containerArn, name, image, runtimeId, ContainerStatus.RUNNING, null, null, bindings,
                healthStatus, essential, cpu, memory, memoryReservation);
    }

    public TaskContainer stopped(Integer code, String why) {
        return new TaskContainer(containerArn, name, image, runtimeId, ContainerStatus.STOPPED, code, why,
                networkBindings, healthStatus, essential, cpu, memory, memoryReservation);
    }

    public TaskContainer withHealth(HealthStatus health) {
        return new TaskContainer(containerArn, name, image, runtimeId, lastStatus, exitCode, reason, networkBindings,
                health, essential, cpu, memory, memoryReservation);
    }

    public TaskContainer withReason(String why) {
        return new TaskContainer(containerArn, name, image, runtimeId, lastStatus, exitCode, why, networkBindings,
                healthStatus, essential, cpu, memory, memoryReservation);
    }
}
