package dev.ecsd.secrets;

import java.time.Instant;

/**
 * Temporary AWS credentials as STS and the ECS credentials endpoint hand them out. Its {@code toString} names the
 * access key id and role but never the secret key or the token.
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
        Instant expiration, SessionClaims claims) {

    public String roleArn() {
        return claims.roleArn();
    }

    @Override
    public String toString() {
        return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", role=" + claims.roleArn() + ", expiration="
                + expiration + "]";
    }
}
