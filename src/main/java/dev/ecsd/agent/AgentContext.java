package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.logs.LogSink;
import dev.ecsd.state.StateStore;
import java.time.InstantSource;

/** What every task worker of one agent shares. */
record AgentContext(
        String agentId,
        String instanceId,
        StateStore store,
        ContainerRuntime runtime,
        LogSink logs,
        InstantSource clock,
        TaskReports reports) {
}
