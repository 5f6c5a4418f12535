package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.TemporaryCredentials;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.VirtualTimer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed with temporary credentials: accepted while their session holds, refused as AWS refuses them. */
class SessionSignatureTest {
    private static final String REGION = "us-east-1";
    private static final String HOST = "127.0.0.1:4566";
    private static final String TARGET = "AmazonEC2ContainerServiceV20141113.ListClusters";
    private static final String BODY = "{}";
    private static final String ROLE = "arn:aws:iam::000000000000:role/app";
    private static final String TASK = "arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef";
    private static final String INVALID = "The security token included in the request is invalid.";
    private static final String EXPIRED = "The security token included in the request is expired";

    private final VirtualTimer clock = new VirtualTimer(Instant.parse("2025-06-01T12:00:00Z"));
    private final SessionIssuer issuer =
            new SessionIssuer(ValueCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32])));
    private final Set<String> liveTasks = new HashSet<>(Set.of(TASK));
    private final SigV4Verifier verifier =
            new SigV4Verifier(Map.of("test", "test"), REGION, clock, issuer, liveTasks::contains);

    @Test
    void aRequestSignedWithASessionIsAcceptedAndSaysWhoSignedIt() {
        SessionClaims claims = new SessionClaims(ROLE, "worker", null, clock.instant().plus(Duration.ofHours(1)));
        TemporaryCredentials credentials = issuer.issue(claims);

        SigV4Verifier.Signed signed = verifier.verify(cliSigned(credentials, clock.instant()));

        assertThat(signed.accessKeyId()).isEqualTo(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(signed.session()).isEqualTo(claims);
        assertThat(signed.caller().isSession()).isTrue();
        assertThat(signed.caller().sessionClaims()).contains(claims);
    }

    @Test
    void theSdkSignerSigningWithSessionCredentialsIsAccepted() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "sdk", null,
                clock.instant().plus(Duration.ofHours(1))));
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + HOST + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), credentials.sessionToken()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.request().headers());
        headers.put("Host", List.of(HOST));

        SigV4Verifier.Signed verified = verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                body));

        assertThat(verified.session().sessionName()).isEqualTo("sdk");
    }

    @Test
    void aSessionPastItsExpirationIsAnExpiredToken() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofMinutes(15))));
        assertThat(verifier.verify(cliSigned(credentials, clock.instant())).session()).isNotNull();

        clock.advance(Duration.ofMinutes(15));

        assertRefused(() -> verifier.verify(cliSigned(credentials, clock.instant())), ErrorType.EXPIRED_TOKEN,
                EXPIRED);
    }

    @Test
    void aTaskSessionHoldsWhileItsTaskRunsAndEndsWithIt() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "0123456789abcdef", TASK,
                clock.instant().plus(Duration.ofHours(6))));
        assertThat(verifier.verify(cliSigned(credentials, clock.instant())).session().taskArn()).isEqualTo(TASK);

        liveTasks.remove(TASK);

        assertRefused(() -> verifier.verify(cliSigned(credentials, clock.instant())), ErrorType.EXPIRED_TOKEN,
                EXPIRED);
    }

    @Test
    void aTamperedTokenIsAnInvalidToken() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));
        // The claims are readable in the token; rewriting them (a longer life, another role) breaks its MAC.
        String claims = new String(Base64.getDecoder().decode(credentials.sessionToken()), StandardCharsets.ISO_8859_1);
        String forged = Base64.getEncoder().encodeToString(claims.replace("role/app", "role/adm")
                .getBytes(StandardCharsets.ISO_8859_1));
        TemporaryCredentials tampered = new TemporaryCredentials(credentials.accessKeyId(),
                credentials.secretAccessKey(), forged, credentials.expiration(), credentials.claims());

        assertRefused(() -> verifier.verify(cliSigned(tampered, clock.instant())), ErrorType.UNRECOGNIZED_CLIENT,
                INVALID);
    }

    @Test
    void aTokenOfAnotherServersKeyIsAnInvalidToken() {
        SessionIssuer other = new SessionIssuer(ValueCipher.fromBase64(Base64.getEncoder()
                .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))));
        TemporaryCredentials foreign = other.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));

        assertRefused(() -> verifier.verify(cliSigned(foreign, clock.instant())), ErrorType.UNRECOGNIZED_CLIENT,
                INVALID);
    }

    @Test
    void anAsiaKeyWithoutItsTokenIsAnInvalidToken() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));

        assertRefused(() -> verifier.verify(signed(credentials.accessKeyId(), credentials.secretAccessKey(), null,
                clock.instant())), ErrorType.UNRECOGNIZED_CLIENT, INVALID);
    }

    @Test
    void aSessionSignedWithAnotherSecretIsAnInvalidSignature() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));

        assertRefused(() -> verifier.verify(signed(credentials.accessKeyId(), "not-the-session-secret",
                credentials.sessionToken(), clock.instant())), ErrorType.INVALID_SIGNATURE, "does not match");
    }

    @Test
    void anExpiredSessionWithABadSignatureSaysOnlyThatTheSignatureIsBad() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofMinutes(15))));
        clock.advance(Duration.ofHours(1));

        assertRefused(() -> verifier.verify(signed(credentials.accessKeyId(), "guess", credentials.sessionToken(),
                clock.instant())), ErrorType.INVALID_SIGNATURE, "does not match");
    }

    @Test
    void aTokenLeftOutOfTheSignedHeadersIsRefused() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));
        SigV4Verifier.HttpRequestParts unsignedToken = signed(credentials.accessKeyId(),
                credentials.secretAccessKey(), null, clock.instant());
        Map<String, List<String>> headers = new LinkedHashMap<>(unsignedToken.headers());
        headers.put("x-amz-security-token", List.of(credentials.sessionToken()));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                unsignedToken.body())), ErrorType.INCOMPLETE_SIGNATURE, "not signed: x-amz-security-token.");
    }

    @Test
    void aTokenBesideLongTermKeysIsAnInvalidToken() {
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));

        assertRefused(() -> verifier.verify(signed("test", "test", credentials.sessionToken(), clock.instant())),
                ErrorType.UNRECOGNIZED_CLIENT, INVALID);
        assertThat(verifier.verify(signed("test", "test", null, clock.instant())).session()).isNull();
    }

    @Test
    void aVerifierWithoutAnIssuerAcceptsNoSession() {
        SigV4Verifier longTermOnly = new SigV4Verifier(Map.of("test", "test"), REGION, clock);
        TemporaryCredentials credentials = issuer.issue(new SessionClaims(ROLE, "worker", null,
                clock.instant().plus(Duration.ofHours(1))));

        assertRefused(() -> longTermOnly.verify(cliSigned(credentials, clock.instant())),
                ErrorType.UNRECOGNIZED_CLIENT, INVALID);
    }

    @Test
    void queryServicesNameTheTokenErrorsAsStsDoesWithA403() {
        assertThat(QueryDispatcher.queryForm(ErrorType.EXPIRED_TOKEN).code()).isEqualTo("ExpiredToken");
        assertThat(QueryDispatcher.queryForm(ErrorType.EXPIRED_TOKEN).httpStatus()).isEqualTo(403);
        assertThat(QueryDispatcher.queryForm(ErrorType.UNRECOGNIZED_CLIENT).code()).isEqualTo("InvalidClientTokenId");
        assertThat(QueryDispatcher.queryForm(ErrorType.UNRECOGNIZED_CLIENT).httpStatus()).isEqualTo(403);
        assertThat(QueryDispatcher.queryForm(ErrorType.INVALID_SIGNATURE)).isEqualTo(ErrorType.INVALID_SIGNATURE);
    }

    private SigV4Verifier.HttpRequestParts cliSigned(TemporaryCredentials credentials, Instant at) {
        return signed(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken(), at);
    }

    /** A request signed as the CLI signs it; with a token, the token is one of its signed headers, as there. */
    private static SigV4Verifier.HttpRequestParts signed(String accessKeyId, String secret, String token,
            Instant at) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = new LinkedHashMap<>(Map.of("content-type", "application/x-amz-json-1.1",
                "host", HOST, "x-amz-date", SignedRequests.amzDate(at), "x-amz-target", TARGET));
        if (token != null) {
            signedHeaders.put("x-amz-security-token", token);
        }
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, at, accessKeyId,
                secret, REGION, "ecs");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Authorization", List.of(authorization));
        return new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body);
    }

    private static void assertRefused(ThrowingCallable call, ErrorType type, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).as(e.getMessage()).isEqualTo(type);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
