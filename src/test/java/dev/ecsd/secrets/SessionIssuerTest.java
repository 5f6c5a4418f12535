package dev.ecsd.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionIssuerTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private final SessionIssuer issuer = new SessionIssuer(ValueCipher.fromBase64(KEY));
    private final SessionClaims claims = new SessionClaims("arn:aws:iam::000000000000:role/app", "task-1",
            "arn:aws:ecs:us-east-1:000000000000:task/c/abc", Instant.parse("2026-12-04T12:00:00.750Z"));

    @Test
    void credentialsLookLikeAwsTemporaryCredentials() {
        TemporaryCredentials credentials = issuer.issue(claims);
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.expiration()).isEqualTo(Instant.parse("2026-12-04T12:00:00Z"));
        assertThat(credentials.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/app");
        assertThat(credentials.toString()).doesNotContain(credentials.secretAccessKey())
                .doesNotContain(credentials.sessionToken());
    }

    @Test
    void anIssuedSessionOpensWithItsClaimsAndSecret() {
        TemporaryCredentials credentials = issuer.issue(claims);
        SessionIssuer.Session session = issuer.open(credentials.accessKeyId(), credentials.sessionToken()).orElseThrow();
        assertThat(session.claims()).isEqualTo(new SessionClaims(claims.roleArn(), "task-1", claims.taskArn(),
                Instant.parse("2026-12-04T12:00:00Z")));
        assertThat(session.secretAccessKey()).isEqualTo(credentials.secretAccessKey());
        assertThat(session.claims().forTask()).isTrue();
    }

    @Test
    void anAssumedRoleSessionHasNoTask() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(claims.roleArn(), "me", null,
                claims.expiration()));
        assertThat(issuer.open(credentials.accessKeyId(), credentials.sessionToken()).orElseThrow().claims().forTask())
                .isFalse();
    }

    @Test
    void anotherKeyATamperedTokenOrAnotherAccessKeyIdDoNotOpen() {
        TemporaryCredentials credentials = issuer.issue(claims);
        assertThat(new SessionIssuer(ValueCipher.fromBase64(OTHER_KEY))
                .open(credentials.accessKeyId(), credentials.sessionToken())).isEmpty();
        byte[] token = Base64.getDecoder().decode(credentials.sessionToken());
        token[10] ^= 1;
        assertThat(issuer.open(credentials.accessKeyId(), Base64.getEncoder().encodeToString(token))).isEmpty();
        TemporaryCredentials other = issuer.issue(new SessionClaims(claims.roleArn(), "task-2", claims.taskArn(),
                claims.expiration()));
        assertThat(issuer.open(other.accessKeyId(), credentials.sessionToken())).isEmpty();
        assertThat(issuer.open(credentials.accessKeyId(), "not base64!")).isEmpty();
        assertThat(issuer.open(credentials.accessKeyId(), "AAAA")).isEmpty();
        assertThat(issuer.open("AKIA" + credentials.accessKeyId().substring(4), credentials.sessionToken())).isEmpty();
    }

    @Test
    void claimsMayNotSmuggleFieldSeparators() {
        assertThatThrownBy(() -> new SessionClaims("arn:aws:iam::0:role/a\nb", "s", null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
