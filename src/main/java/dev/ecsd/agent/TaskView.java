package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything the planner looks at for one task: the task as recorded, its definition, what the runtime
 * shows of its containers right now (by container name), and the time.
 *
 * @param observed   containers the runtime knows, by container name
 * @param missing    containers that have a runtime id but that the runtime no longer knows
 * @param draining   the control plane is still draining the task's load balancer targets: it stays DEACTIVATING
 */
public record TaskView(
        Task task,
        TaskDefinition definition,
        Map<String, ContainerObservation> observed,
        Set<String> missing,
        Instant now,
        boolean draining) {

    public TaskView {
        observed = Map.copyOf(observed);
        missing = Set.copyOf(missing);
    }

    public TaskView(Task task, TaskDefinition definition, Map<String, ContainerObservation> observed,
            Set<String> missing, Instant now) {
        this(task, definition, observed, missing, now, false);
    }
}
