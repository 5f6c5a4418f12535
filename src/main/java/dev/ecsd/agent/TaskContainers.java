package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.model.Task;
import java.util.Map;
import java.util.Optional;

/** A task's containers on the engine, known by the labels this agent gives them: created once, never twice. */
final class TaskContainers {
    private final ContainerRuntime runtime;
    private final String instanceId;

    TaskContainers(ContainerRuntime runtime, String instanceId) {
        this.runtime = runtime;
        this.instanceId = instanceId;
    }

    /**
     * Creates a container of the task, or finds the one it already has on the engine (created before a crash, or
     * by a call that timed out, its report lost): the engine refuses a second container of the same name, so only
     * then is it looked up, and the way to RUNNING costs no listing.
     */
    String createOrFind(Task task, String containerName, ContainerSpec spec) {
        try {
            return runtime.createContainer(spec);
        } catch (RuntimeFailure e) {
            if (e.kind() != RuntimeFailure.Kind.REFUSED) {
                throw e;
            }
            return find(task, containerName).orElseThrow(() -> e);
        }
    }

    /** The container of this name the task has on the engine, if any. */
    Optional<String> find(Task task, String containerName) {
        return runtime.listContainers(Map.of(
                        ContainerSpecs.LABEL_TASK_ARN, task.taskArn(),
                        ContainerSpecs.LABEL_CONTAINER_NAME, containerName,
                        ContainerSpecs.LABEL_INSTANCE, instanceId))
                .stream().map(ContainerObservation::id).findFirst();
    }
}
