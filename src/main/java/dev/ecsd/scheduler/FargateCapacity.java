package dev.ecsd.scheduler;

/** The in-process agent that provides FARGATE and FARGATE_SPOT capacity on this machine. */
public final class FargateCapacity {
    /** The agent id of Fargate tasks: the local agent owns them. */
    public static final String AGENT_ID = "local-fargate";
    /** The platform version ECS resolves LATEST to. */
    public static final String PLATFORM_VERSION = "1.4.0";

    private FargateCapacity() {
    }
}
