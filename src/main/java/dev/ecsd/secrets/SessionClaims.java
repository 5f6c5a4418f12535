package dev.ecsd.secrets;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a set of temporary credentials speaks for: the role assumed, the session's name, the task they were issued to
 * (null for a session from STS AssumeRole) and when they expire. Carried, signed, inside the session token.
 */
public record SessionClaims(String roleArn, String sessionName, String taskArn, Instant expiration) {
    public SessionClaims {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(expiration, "expiration");
        for (String field : new String[] {roleArn, sessionName, taskArn == null ? "" : taskArn}) {
            if (field.indexOf('\n') >= 0 || field.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a session claim may not contain a line break or NUL");
            }
        }
        // the token keeps whole seconds; so does every Expiration AWS writes
        expiration = Instant.ofEpochSecond(expiration.getEpochSecond());
    }

    /** Whether these credentials belong to a task (and end with it). */
    public boolean forTask() {
        return taskArn != null;
    }
}
