package dev.ecsd.scheduler;

/**
 * Why a container instance could not take a task. Declared in the order placement checks them, so a later reason
 * means the instance got further: the "closest matching" instance of ECS's messages is the one with the latest.
 * {@code failureReason} is what RunTask's {@code failures[].reason} says for it.
 */
public enum RejectionReason {
    INSTANCE_NOT_ACTIVE("INACTIVE", "encountered error \"INACTIVE\"."),
    LAUNCH_TYPE_MISMATCH("LAUNCH_TYPE", "encountered error \"LAUNCH_TYPE\"."),
    AGENT_DISCONNECTED("AGENT", "encountered error \"AGENT\"."),
    MISSING_ATTRIBUTE("ATTRIBUTE", "is missing an attribute required by your task."),
    CONSTRAINT_MEMBER_OF("MemberOf placement constraint unsatisfied.",
            "encountered error \"MemberOf placement constraint unsatisfied.\"."),
    CONSTRAINT_DISTINCT_INSTANCE("DistinctInstance placement constraint unsatisfied.",
            "encountered error \"DistinctInstance placement constraint unsatisfied.\"."),
    INSUFFICIENT_CPU("RESOURCE:CPU", "has insufficient CPU units available."),
    INSUFFICIENT_MEMORY("RESOURCE:MEMORY", "has insufficient memory available."),
    PORT_IN_USE("RESOURCE:PORTS", "is already using a port required by your task.");

    private final String failureReason;
    private final String closestMatchingPhrase;

    RejectionReason(String failureReason, String closestMatchingPhrase) {
        this.failureReason = failureReason;
        this.closestMatchingPhrase = closestMatchingPhrase;
    }

    public String failureReason() {
        return failureReason;
    }

    /** The end of ECS's "The closest matching (container-instance ID) ..." sentence. */
    public String closestMatchingPhrase() {
        return closestMatchingPhrase;
    }
}
