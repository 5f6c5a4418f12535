package dev.ecsd.agent;

import dev.ecsd.model.TaskDefinition;

/**
 * Which container holds a task's network, decided from its definition alone. Pure.
 *
 * <p>An awsvpc task's containers share one network namespace (one address, localhost between them, one set of
 * ports): with two containers or more, a pause container holds it and the others join it, as the ECS agent does.
 * A task with one container shares its namespace with no one, so its container holds its own network and
 * publishes the task's ports itself: the pause container would only double the engine's work (create, start,
 * inspect, remove) on the start path. Whatever depends on the network holder's address — the ENI attachment, the
 * task endpoint's redirect, the metadata endpoint's Networks, load-balancer targets through the network bindings —
 * reads it from the container the plan names. Other network modes use the engine's network per container.
 */
record TaskNetworkPlan(Holder holder) {
    /** Who holds the network namespace the task's containers use. */
    enum Holder {
        /** Not awsvpc: each container is on the engine's network its mode names (bridge, host, none). */
        ENGINE,
        /** awsvpc, two containers or more: the pause container holds it, the containers join it. */
        PAUSE_CONTAINER,
        /** awsvpc, one container: that container holds it and publishes the task's ports. */
        TASK_CONTAINER
    }

    static TaskNetworkPlan of(TaskDefinition definition) {
        if (!"awsvpc".equals(definition.effectiveNetworkMode())) {
            return new TaskNetworkPlan(Holder.ENGINE);
        }
        return new TaskNetworkPlan(definition.containerDefinitions().size() == 1
                ? Holder.TASK_CONTAINER : Holder.PAUSE_CONTAINER);
    }

    /** Whether the agent creates a pause container for the task before its containers. */
    boolean needsPauseContainer() {
        return holder == Holder.PAUSE_CONTAINER;
    }

    /** Whether the task's own container holds the task's awsvpc network: its address is the ENI's. */
    boolean containerHoldsNetwork() {
        return holder == Holder.TASK_CONTAINER;
    }
}
