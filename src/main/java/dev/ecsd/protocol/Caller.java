package dev.ecsd.protocol;

import dev.ecsd.secrets.SessionClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signed a request: the access key id of its signature and, for temporary credentials, the session they
 * stand for (the role assumed, the task they belong to). Long-term credentials are the server's own keys.
 */
public record Caller(String accessKeyId, SessionClaims session) {
    public Caller {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
    }

    /** A caller signing with the server's long-term keys. */
    public static Caller longTerm(String accessKeyId) {
        return new Caller(accessKeyId, null);
    }

    /** The session of temporary credentials, or empty for long-term keys. */
    public Optional<SessionClaims> sessionClaims() {
        return Optional.ofNullable(session);
    }

    public boolean isSession() {
        return session != null;
    }
}
