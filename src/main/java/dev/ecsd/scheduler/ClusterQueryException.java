package dev.ecsd.scheduler;

/**
 * A cluster query expression that does not parse. The message is complete and meant for the caller: the API layer
 * can return it as the text of an InvalidParameterException.
 */
public final class ClusterQueryException extends RuntimeException {
    private final int position;

    ClusterQueryException(String expression, int position, String problem) {
        super("Invalid cluster query expression '" + expression + "': " + problem
                + (position >= 0 ? " (at character " + (position + 1) + ")" : "") + ".");
        this.position = position;
    }

    /** Where in the expression the problem was found, 0-based; -1 when it concerns the whole expression. */
    public int position() {
        return position;
    }
}
