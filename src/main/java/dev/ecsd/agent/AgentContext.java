package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.logs.LogSink;
import dev.ecsd.time.Timer;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What every task worker of one agent shares. {@code assignments} answers the newest assignment the agent holds
 * for a task (null when it holds none); {@code endpointPort} the task endpoint's port, -1 when there is none.
 */
record AgentContext(
        String agentId,
        String instanceId,
        ContainerRuntime runtime,
        LogSink logs,
        Timer timer,
        TaskReports reports,
        Function<String, TaskAssignment> assignments,
        IntSupplier endpointPort) {
}
