package dev.ecsd.agent;

import dev.ecsd.agent.runtime.RuntimeFailure;

/** ECS's wording for why tasks and containers stop. */
public final class StopReasons {
    public static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";
    public static final String OUT_OF_MEMORY = "OutOfMemoryError: Container killed due to memory usage";
    public static final String MISSING_LOG_GROUP = "ResourceInitializationError: failed to validate logger args: "
            + "create stream has been retried 1 times: failed to create Cloudwatch log stream: "
            + "ResourceNotFoundException: The specified log group does not exist.";
    /** The ECS agent's reason for a container the engine no longer knows (removed behind the agent's back). */
    public static final String CONTAINER_VANISHED = "ContainerVanishedError: No container matching saved ID found";
    /**
     * Why a task stops that the host lost while its agent was down (stop code InfrastructureHealth): the host's
     * fault, not the task's.
     */
    public static final String HOST_LOST = "Task stopped because the underlying host lost it while the agent was down";

    private StopReasons() {
    }

    public static String cannotPull(String engineMessage) {
        return "CannotPullContainerError: " + engineMessage;
    }

    public static String cannotCreate(String engineMessage) {
        return "CannotCreateContainerError: " + engineMessage;
    }

    public static String cannotStart(String engineMessage) {
        return "CannotStartContainerError: " + engineMessage;
    }


    /** A refusal as the ECS agent words it, so that reasons read as users know them from ECS. */
    static String inEngineWords(RuntimeFailure failure) {
        return failure.engineMessage() != null ? "Error response from daemon: " + failure.engineMessage()
                : failure.getMessage();
    }
}
