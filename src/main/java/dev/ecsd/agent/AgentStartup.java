package dev.ecsd.agent;

/**
 * What an agent found when it started, for the server's startup lines: the container runtime (its description, or
 * why it did not answer) and how many running tasks it took back from their containers.
 */
public record AgentStartup(String runtime, String runtimeFailure, int adoptedRunningTasks) {

    public boolean runtimeAnswered() {
        return runtimeFailure == null;
    }
}
