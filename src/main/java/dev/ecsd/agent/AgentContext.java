package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.logs.LogSink;
import dev.ecsd.time.Timer;
import java.util.function.Function;

/**
 * What every task worker of one agent shares. {@code assignments} answers the newest assignment the agent holds
 * for a task (null when it holds none).
 */
record AgentContext(
        String agentId,
        String instanceId,
        ContainerRuntime runtime,
        LogSink logs,
        Timer timer,
        TaskReports reports,
        Function<String, TaskAssignment> assignments) {
}
