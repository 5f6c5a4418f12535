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
    private final String engineMessage;

    public RuntimeFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public RuntimeFailure(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /** A failure the engine itself answered with, {@code engineMessage} in its own words. */
    public RuntimeFailure(Kind kind, String message, Throwable cause, String engineMessage) {
        super(message, cause);
        this.kind = kind;
        this.engineMessage = engineMessage;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The engine's own words when the engine answered with an error (what {@code docker} prints after "Error
     * response from daemon:"); null when it did not answer at all, or in time.
     */
    public String engineMessage() {
        return engineMessage;
    }
}
