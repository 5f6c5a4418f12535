package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.SessionIssuer;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Predicate;

/**
 * Temporary credentials as the verifier accepts them: the {@code X-Amz-Security-Token} of a request must open,
 * with the access key id of its credential scope, as a session this server issued; the session must not have
 * expired by the server's clock, and a task's session ends with its task. Refusals use AWS's codes and words.
 */
final class SessionCredentials {
    static final String TOKEN_HEADER = "X-Amz-Security-Token";
    private static final String INVALID = "The security token included in the request is invalid.";
    private static final String EXPIRED = "The security token included in the request is expired";

    private final SessionIssuer issuer;
    private final Predicate<String> taskIsLive;
    private final InstantSource clock;

    /** Sessions of {@code issuer} (none when it is null), a task's accepted while {@code taskIsLive} says so. */
    SessionCredentials(SessionIssuer issuer, Predicate<String> taskIsLive, InstantSource clock) {
        this.issuer = issuer;
        this.taskIsLive = taskIsLive;
        this.clock = clock;
    }

    /** The session that {@code accessKeyId} and the request's token stand for; refused when there is none. */
    SessionIssuer.Session open(String accessKeyId, List<String> tokens) {
        if (tokens.isEmpty() || tokens.size() > 1 || issuer == null) {
            // An ASIA key without its token (or with two) cannot be checked: AWS calls that an invalid token.
            throw new ApiException(ErrorType.UNRECOGNIZED_CLIENT, INVALID);
        }
        return issuer.open(accessKeyId, tokens.getFirst())
                .orElseThrow(() -> new ApiException(ErrorType.UNRECOGNIZED_CLIENT, INVALID));
    }

    /**
     * Refuses a session that has ended: past its expiration, or belonging to a task that is no longer running
     * (its credentials end with it, so a copy taken from a stopped task's container is worthless).
     */
    void requireCurrent(SessionClaims claims) {
        if (!claims.expiration().isAfter(clock.instant())) {
            throw new ApiException(ErrorType.EXPIRED_TOKEN, EXPIRED);
        }
        if (claims.forTask() && !taskIsLive.test(claims.taskArn())) {
            throw new ApiException(ErrorType.EXPIRED_TOKEN, EXPIRED);
        }
    }

    /** Refuses a token sent beside long-term keys: AWS does not ignore it, and neither does ecsd. */
    static void refuseTokenWithLongTermKey(List<String> tokens) {
        if (!tokens.isEmpty()) {
            throw new ApiException(ErrorType.UNRECOGNIZED_CLIENT, INVALID);
        }
    }
}
