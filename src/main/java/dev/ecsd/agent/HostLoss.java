package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an agent that starts again finds of the tasks it already ran. When the runtime kept none of this agent's
 * containers — the simulated runtime's die with the server; an engine may have been reset or replaced — the host
 * lost its tasks while the agent was down, through no fault of theirs: a task that had got anything of the host
 * (containers, its network, the images it pulled) and that no longer has it stops as ECS stops tasks whose
 * infrastructure failed, and the service scheduler neither counts it as a failure nor waits to replace it. A single
 * container gone while others survive is that container vanishing (ContainerVanishedError), which the task's
 * worker reports as the ECS agent does.
 */
final class HostLoss {
    private HostLoss() {
    }

    /** Whether the runtime holds no container of this agent's (after leftovers were removed); false if it cannot tell. */
    static boolean runtimeKeptNothing(ContainerRuntime runtime, String instanceId) {
        try {
            return runtime.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)).isEmpty();
        } catch (RuntimeFailure e) {
            return false;
        }
    }

    /** The resources {@code task} had on the host that the runtime no longer has; empty if it lost nothing. */
    static List<String> missing(Task task, TaskDefinition definition, ContainerRuntime runtime) {
        return missing(task, definition, runtime, TaskSecrets.NONE);
    }

    /** As {@link #missing(Task, TaskDefinition, ContainerRuntime)}, images looked for where {@code secrets} put them. */
    static List<String> missing(Task task, TaskDefinition definition, ContainerRuntime runtime, TaskSecrets secrets) {
        List<String> missing = new ArrayList<>();
        // a task whose only container holds its network lost it with that container, which is checked below
        boolean pause = definition != null && TaskNetworkPlan.of(definition).needsPauseContainer();
        if (pause && task.lastStatus() != TaskStatus.PROVISIONING && task.lastStatus() != TaskStatus.STOPPED
                && runtime.listContainers(Map.of(ContainerSpecs.LABEL_TASK_ARN, task.taskArn(),
                        ContainerSpecs.LABEL_CONTAINER_NAME, ContainerSpecs.PAUSE_CONTAINER_NAME)).isEmpty()) {
            missing.add("the task network");
        }
        Set<String> images = new LinkedHashSet<>();
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (container.runtimeId() != null) {
                if (runtime.inspect(container.runtimeId()).isEmpty()) {
                    missing.add("container " + container.name());
                }
            } else if (task.lastStatus() == TaskStatus.ACTIVATING && definition != null) {
                // pulled before the agent went down, to be created now
                definition.container(container.name()).ifPresent(c -> images.add(ImagePulls.location(c, secrets)));
            }
        }
        images.stream().filter(image -> !runtime.hasImage(image)).forEach(image -> missing.add("image " + image));
        return missing;
    }

    /** Whether a task that was to keep running was lost with the host, given what of it is {@code missing}. */
    static boolean lostWithHost(Task task, List<String> missing) {
        return !missing.isEmpty() && task.desiredStatus() == DesiredStatus.RUNNING && !task.isStopped();
    }
}
