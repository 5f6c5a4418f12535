package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.testing.SignedRequests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final String REGION = "us-east-1";
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String HOST = "127.0.0.1:4566";
    private static final String TARGET = "AmazonEC2ContainerServiceV20141113.ListClusters";
    private static final String BODY = "{\"maxResults\": 10}";

    private final SigV4Verifier verifier = new SigV4Verifier(Map.of(KEY, SECRET, "test", "test"), REGION,
            InstantSource.fixed(NOW));

    @Test
    void acceptsARequestSignedByTheSdkSigner() {
        SigV4Verifier.Signed signed = verifier.verify(sdkSigned(KEY, SECRET, REGION, NOW, BODY));

        assertThat(signed).isEqualTo(new SigV4Verifier.Signed(KEY, REGION, "ecs"));
    }

    @Test
    void acceptsAnSdkSignedRequestWithAQueryString() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://" + HOST + "/"))
                .putRawQueryParameter("b", "2").putRawQueryParameter("a", List.of("z y", "1"))
                .putRawQueryParameter("Action", "DescribeTargetGroups")
                .build();
        SignedRequest signed = sign(request, KEY, SECRET, REGION, "elasticloadbalancing", NOW, new byte[0]);

        assertThat(verifier.verify(parts(signed, new byte[0])).service()).isEqualTo("elasticloadbalancing");
    }

    @Test
    void acceptsACliStyleRequestThatSignsOnlyFourHeadersAndNoContentHash() {
        byte[] body = "{\"clusterName\": \"my cluster json\", \"tags\": [ ]}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        signedHeaders.put("content-type", "application/x-amz-json-1.1");
        signedHeaders.put("host", HOST);
        signedHeaders.put("x-amz-date", SignedRequests.amzDate(NOW));
        signedHeaders.put("x-amz-target", "AmazonEC2ContainerServiceV20141113.CreateCluster");
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, NOW, KEY, SECRET, REGION,
                "ecs");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        // as they arrive: the server sees other header spellings and some headers the CLI does not sign
        headers.put("Host", List.of(HOST));
        headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
        headers.put("X-Amz-Date", List.of(SignedRequests.amzDate(NOW)));
        headers.put("X-Amz-Target", List.of("AmazonEC2ContainerServiceV20141113.CreateCluster"));
        headers.put("User-Agent", List.of("aws-cli/2.9.19 Python/3.11"));
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        headers.put("Authorization", List.of(authorization));

        SigV4Verifier.Signed signed = verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body));

        assertThat(authorization).contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");
        assertThat(signed.accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void aCliStyleRequestWithATamperedBodyIsRefused() {
        SigV4Verifier.HttpRequestParts request = cliStyle(BODY.getBytes(StandardCharsets.UTF_8), NOW);
        SigV4Verifier.HttpRequestParts tampered = new SigV4Verifier.HttpRequestParts(request.method(), request.rawPath(),
                request.rawQuery(), request.headers(), "{\"maxResults\": 11}".getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.verify(request).accessKeyId()).isEqualTo(KEY);
        assertRefused(() -> verifier.verify(tampered), ErrorType.INVALID_SIGNATURE, "signature we calculated does not match");
    }

    @Test
    void anSdkSignedRequestWithATamperedBodyIsRefused() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        SigV4Verifier.HttpRequestParts tampered = new SigV4Verifier.HttpRequestParts(signed.method(), signed.rawPath(),
                signed.rawQuery(), signed.headers(), "{\"maxResults\": 99}".getBytes(StandardCharsets.UTF_8));

        assertRefused(() -> verifier.verify(tampered), ErrorType.INVALID_SIGNATURE, "x-amz-content-sha256");
    }

    @Test
    void aTamperedSignedHeaderIsRefused() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.replaceAll((name, values) -> name.equalsIgnoreCase("X-Amz-Target")
                ? List.of("AmazonEC2ContainerServiceV20141113.DeleteCluster") : values);

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts(signed.method(), signed.rawPath(),
                signed.rawQuery(), headers, signed.body())), ErrorType.INVALID_SIGNATURE, "does not match");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        assertRefused(() -> verifier.verify(sdkSigned(KEY, "not-the-secret", REGION, NOW, BODY)),
                ErrorType.INVALID_SIGNATURE,
                "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        assertRefused(() -> verifier.verify(sdkSigned("AKIDUNKNOWN", SECRET, REGION, NOW, BODY)),
                ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid");
    }

    @Test
    void aSignatureOlderThanFifteenMinutesHasExpired() {
        Instant signedAt = NOW.minus(Duration.ofMinutes(15)).minusSeconds(1);

        assertRefused(() -> verifier.verify(sdkSigned(KEY, SECRET, REGION, signedAt, BODY)),
                ErrorType.INVALID_SIGNATURE, "Signature expired: 20240501T114459Z is now earlier than 20240501T114500Z");
    }

    @Test
    void aSignatureFromMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        Instant signedAt = NOW.plus(Duration.ofMinutes(15)).plusSeconds(1);

        assertRefused(() -> verifier.verify(sdkSigned(KEY, SECRET, REGION, signedAt, BODY)),
                ErrorType.INVALID_SIGNATURE, "Signature not yet current: 20240501T121501Z is still later than");
    }

    @Test
    void clocksWithinFifteenMinutesEitherWayAreAccepted() {
        assertThat(verifier.verify(sdkSigned(KEY, SECRET, REGION, NOW.minus(Duration.ofMinutes(15)), BODY))).isNotNull();
        assertThat(verifier.verify(sdkSigned(KEY, SECRET, REGION, NOW.plus(Duration.ofMinutes(15)), BODY))).isNotNull();
    }

    @Test
    void aSignatureScopedToAnotherRegionIsRefused() {
        assertRefused(() -> verifier.verify(sdkSigned(KEY, SECRET, "eu-west-1", NOW, BODY)),
                ErrorType.INVALID_SIGNATURE, "'eu-west-1'");
    }

    @Test
    void aScopeDateThatIsNotTheRequestDateIsRefused() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        Map<String, List<String>> headers = withHeader(signed.headers(), "Authorization",
                signed.header("Authorization").replace("/20240501/", "/20240430/"));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts(signed.method(), signed.rawPath(),
                signed.rawQuery(), headers, signed.body())), ErrorType.INVALID_SIGNATURE, "Date in Credential scope");
    }

    @Test
    void noAuthorizationHeaderIsAMissingAuthenticationToken() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                signed.body())), ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignatures() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        String good = signed.header("Authorization");

        assertIncomplete(signed, "Basic dGVzdDp0ZXN0", "AWS4-HMAC-SHA256");
        assertIncomplete(signed, "AWS4-HMAC-SHA256 garbage", "'garbage' not a valid key=value pair");
        assertIncomplete(signed, good + ", garbage", "'garbage' not a valid key=value pair");
        assertIncomplete(signed, good + ", Signature=" + "0".repeat(64), "'Signature' appears more than once");
        assertIncomplete(signed, "AWS4-HMAC-SHA256 Credential=" + KEY + "/20240501/us-east-1/ecs/aws4_request",
                "'SignedHeaders'");
        assertIncomplete(signed, good.replaceFirst(", Signature=[0-9a-f]+", ""), "'Signature'");
        assertIncomplete(signed, good.replaceFirst("SignedHeaders=[^,]+, ", ""), "'SignedHeaders'");
        assertIncomplete(signed, good.replaceFirst("/us-east-1/ecs/aws4_request", "/us-east-1/ecs"),
                "5 slash-delimited elements");
    }

    @Test
    void aMissingOrMalformedDateIsAnIncompleteSignature() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        Map<String, List<String>> withoutDate = new LinkedHashMap<>(signed.headers());
        withoutDate.keySet().removeIf(name -> name.equalsIgnoreCase("X-Amz-Date"));
        Map<String, List<String>> badDate = withHeader(signed.headers(), "X-Amz-Date", "2024-05-01T12:00:00Z");

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, withoutDate,
                signed.body())), ErrorType.INCOMPLETE_SIGNATURE, "X-Amz-Date");
        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, badDate,
                signed.body())), ErrorType.INCOMPLETE_SIGNATURE, "ISO-8601");
    }

    @Test
    void aSignatureThatDoesNotSignTheHostIsAnIncompleteSignature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = Map.of("x-amz-date", SignedRequests.amzDate(NOW), "x-amz-target", TARGET);
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, NOW, KEY, SECRET, REGION,
                "ecs");
        Map<String, List<String>> headers = Map.of("Host", List.of(HOST), "X-Amz-Date",
                List.of(SignedRequests.amzDate(NOW)), "X-Amz-Target", List.of(TARGET), "Authorization",
                List.of(authorization));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body)),
                ErrorType.INCOMPLETE_SIGNATURE, "'Host'");
    }

    @Test
    void aSignatureThatIsNotHexIsAnInvalidSignature() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        Map<String, List<String>> headers = withHeader(signed.headers(), "Authorization",
                signed.header("Authorization").replaceFirst("Signature=[0-9a-f]+", "Signature=xyz"));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                signed.body())), ErrorType.INVALID_SIGNATURE, "does not match");
    }

    @Test
    void anUnsignedTargetSwappedAfterSigningIsRefused() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = Map.of("content-type", "application/x-amz-json-1.1", "host", HOST,
                "x-amz-date", SignedRequests.amzDate(NOW));
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, NOW, KEY, SECRET, REGION,
                "ecs");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("X-Amz-Target", List.of("AmazonEC2ContainerServiceV20141113.DeleteCluster"));
        headers.put("Authorization", List.of(authorization));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body)),
                ErrorType.INCOMPLETE_SIGNATURE, "not signed: x-amz-target.");
    }

    @Test
    void everyXAmzHeaderTheContentTypeAndTheDateMustBeSigned() {
        assertUnsignedRefused("content-type", "application/x-amz-json-1.1");
        assertUnsignedRefused("x-amz-date", SignedRequests.amzDate(NOW));
        assertUnsignedRefused("x-amz-security-token", "FwoGZXIvYXdzE");
        assertUnsignedRefused("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }

    @Test
    void headersOutsideTheRequiredSetMayStayUnsigned() {
        // botocore's query-compatible CloudWatch requests carry x-amzn-query-mode (x-amzn-, not x-amz-)
        SigV4Verifier.HttpRequestParts request = cliStyle(BODY.getBytes(StandardCharsets.UTF_8), NOW);
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("x-amzn-query-mode", List.of("true"));
        headers.put("User-Agent", List.of("Boto3/1.40"));
        headers.put("amz-sdk-request", List.of("attempt=1"));

        assertThat(verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, request.body()))
                .accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWhenOneIsValid() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        Map<String, List<String>> headers = withHeader(signed.headers(), "Authorization", "ignored");
        headers.put("Authorization", List.of(signed.header("Authorization"), "garbage"));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                signed.body())), ErrorType.INCOMPLETE_SIGNATURE, "2 'Authorization' headers");
    }

    @Test
    void aSignatureInUpperCaseHexIsRefused() {
        SigV4Verifier.HttpRequestParts signed = sdkSigned(KEY, SECRET, REGION, NOW, BODY);
        String good = signed.header("Authorization");
        String signature = good.substring(good.indexOf("Signature=") + "Signature=".length());
        Map<String, List<String>> headers = withHeader(signed.headers(), "Authorization",
                good.replace(signature, signature.toUpperCase(Locale.ROOT)));

        assertThat(verifier.verify(signed)).isNotNull();
        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                signed.body())), ErrorType.INVALID_SIGNATURE, "does not match");
    }

    @Test
    void aRequestDatedOnlyByADateHeaderIsRefusedWithoutClaimingDateIsAccepted() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = Map.of("content-type", "application/x-amz-json-1.1", "host", HOST,
                "date", "Wed, 01 May 2024 12:00:00 GMT", "x-amz-target", TARGET);
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, NOW, KEY, SECRET, REGION,
                "ecs");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Authorization", List.of(authorization));

        assertThatThrownBy(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INCOMPLETE_SIGNATURE);
                    assertThat(e.getMessage()).contains("'X-Amz-Date'").contains("'Date' header is not accepted")
                            .doesNotContain("either");
                });
    }

    @Test
    void aMissingAuthenticationTokenIsAnHttp403AsOnAws() {
        assertThat(ErrorType.MISSING_AUTHENTICATION_TOKEN.httpStatus()).isEqualTo(403);
    }

    /** A CLI-style request that also carries {@code name}, unsigned, is refused naming it. */
    private void assertUnsignedRefused(String name, String value) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(Map.of("content-type", "application/x-amz-json-1.1", "host",
                HOST, "x-amz-date", SignedRequests.amzDate(NOW), "x-amz-target", TARGET));
        all.put(name, value);
        Map<String, String> signedHeaders = new LinkedHashMap<>(all);
        signedHeaders.remove(name);
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, NOW, KEY, SECRET, REGION,
                "ecs");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        all.forEach((header, headerValue) -> headers.put(header, List.of(headerValue)));
        headers.put("Authorization", List.of(authorization));

        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body)),
                ErrorType.INCOMPLETE_SIGNATURE, "not signed: " + name + ".");
    }

    private SigV4Verifier.HttpRequestParts cliStyle(byte[] body, Instant at) {
        Map<String, String> signedHeaders = Map.of("content-type", "application/x-amz-json-1.1", "host", HOST,
                "x-amz-date", SignedRequests.amzDate(at), "x-amz-target", TARGET);
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, at, KEY, SECRET, REGION,
                "ecs");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("authorization", List.of(authorization));
        return new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, body);
    }

    /** A POST of {@code body} as the SDK's own SigV4 signer signs it. */
    private static SigV4Verifier.HttpRequestParts sdkSigned(String accessKey, String secret, String region, Instant at,
            String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + HOST + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .build();
        return parts(sign(request, accessKey, secret, region, "ecs", at, bytes), bytes);
    }

    private static SignedRequest sign(SdkHttpRequest request, String accessKey, String secret, String region,
            String service, Instant at, byte[] body) {
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    }

    private static SigV4Verifier.HttpRequestParts parts(SignedRequest signed, byte[] body) {
        SdkHttpRequest request = signed.request();
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Host"))) {
            headers.put("Host", List.of(HOST));
        }
        String query = request.encodedQueryParameters().orElse(null);
        return new SigV4Verifier.HttpRequestParts(request.method().name(), request.encodedPath(), query, headers, body);
    }

    private static Map<String, List<String>> withHeader(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> changed = new LinkedHashMap<>();
        headers.forEach((key, values) -> {
            if (!key.equalsIgnoreCase(name)) {
                changed.put(key, new ArrayList<>(values));
            }
        });
        changed.put(name, List.of(value));
        return changed;
    }

    private void assertIncomplete(SigV4Verifier.HttpRequestParts signed, String authorization, String messagePart) {
        Map<String, List<String>> headers = withHeader(signed.headers(), "Authorization", authorization);
        assertRefused(() -> verifier.verify(new SigV4Verifier.HttpRequestParts("POST", "/", null, headers,
                signed.body())), ErrorType.INCOMPLETE_SIGNATURE, messagePart);
    }

    private static void assertRefused(ThrowingCallable call, ErrorType type, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).as(e.getMessage()).isEqualTo(type);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
