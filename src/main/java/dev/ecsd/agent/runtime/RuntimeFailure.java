package dev.ecsd.agent.runtime;

/**
 * A runtime operation that failed: the engine refused it, was unreachable, or did not answer in time.
 * {@link #kind()} says which, so the agent can choose ECS's stop reason.
 */
public final class RuntimeFailure extends RuntimeException {
    public enum Kind {
        /** The engine cannot be reached at all. */
        UNAVAILABLE,
        /** The engine did not answer within the operation's timeout. */
        TIMEOUT,
        /** An image could not be pulled. */
        PULL,
        /** The container (or volume) does not exist. */
        NOT_FOUND,
        /** The engine refused the operation. */
        REFUSED
    }

    private final Kind kind;

    public RuntimeFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RuntimeFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
