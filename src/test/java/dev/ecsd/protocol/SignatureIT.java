package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Signature checks over HTTP, with real SDK clients and raw signed requests. */
class SignatureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @AfterEach
    void serverStillServes() {
        assertThat(server.ecs().listClusters().sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void theConfiguredCredentialsAreAccepted() {
        server.ecs().createCluster(r -> r.clusterName("signed"));

        assertThat(server.ecs().listClusters().clusterArns())
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/signed");
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureException() {
        try (EcsClient client = client(TestServer.ACCESS_KEY_ID, "wrong-secret", TestServer.REGION)) {
            assertThatThrownBy(client::listClusters).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("The request signature we calculated does not match the signature you provided.");
            });
        }
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClientException() {
        try (EcsClient client = client("AKIDNOBODYKNOWS", TestServer.SECRET_ACCESS_KEY, TestServer.REGION)) {
            assertThatThrownBy(client::listClusters).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid.");
            });
        }
    }

    @Test
    void aClientOfARegionOutsideTheAwsPartitionIsRefused() {
        // every aws region is served (RegionsIT); a name that is none is refused as AWS refuses it
        try (EcsClient client = client(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, "xx-fake-1")) {
            assertThatThrownBy(client::listClusters).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Credential should be scoped to a valid region, not 'xx-fake-1'. ");
            });
        }
    }

    @Test
    void aRequestSignedTwentyMinutesAgoHasExpired() throws Exception {
        HttpResponse<String> response = signed().send("POST", SignedRequests.ECS_TARGET_PREFIX + "ListClusters",
                "{}".getBytes(StandardCharsets.UTF_8), Instant.now().minus(Duration.ofMinutes(20)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(error.get("message").asText()).startsWith("Signature expired:");
    }

    @Test
    void aRequestSignedTwentyMinutesAheadIsNotYetCurrent() throws Exception {
        HttpResponse<String> response = signed().send("POST", SignedRequests.ECS_TARGET_PREFIX + "ListClusters",
                "{}".getBytes(StandardCharsets.UTF_8), Instant.now().plus(Duration.ofMinutes(20)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(error.get("message").asText()).startsWith("Signature not yet current:");
    }

    @Test
    void aCliStyleRequestIsAccepted() throws Exception {
        HttpResponse<String> response = signed().ecs("CreateCluster", "{\"clusterName\": \"from-cli\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/cluster/clusterName").asText()).isEqualTo("from-cli");
    }

    @Test
    void aSignatureForAnotherServiceIsRefused() throws Exception {
        HttpResponse<String> response = signed().scope(TestServer.REGION, "logs").ecs("ListClusters", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(error.get("message").asText()).contains("'ecs'");
    }

    @Test
    void aTargetLeftUnsignedAndSwappedAfterSigningIsRefused() throws Exception {
        server.ecs().createCluster(r -> r.clusterName("precious"));
        byte[] body = "{\"cluster\": \"precious\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        Map<String, String> signedHeaders = Map.of("content-type", SignedRequests.JSON_1_1, "host", host(),
                "x-amz-date", SignedRequests.amzDate(now));
        String authorization = SignedRequests.authorization("POST", "/", signedHeaders, body, now,
                TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, TestServer.REGION, "ecs");

        HttpResponse<String> response = send(List.of(Map.entry("Content-Type", SignedRequests.JSON_1_1),
                Map.entry("X-Amz-Date", SignedRequests.amzDate(now)),
                Map.entry("X-Amz-Target", SignedRequests.ECS_TARGET_PREFIX + "DeleteCluster"),
                Map.entry("Authorization", authorization)), body);

        assertRefused(response, 400, "IncompleteSignatureException", "not signed: x-amz-target");
        assertThat(server.ecs().listClusters().clusterArns()).hasSize(1);
    }

    @Test
    void aSecondGarbageAuthorizationHeaderBesideAValidOneIsRefused() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String target = SignedRequests.ECS_TARGET_PREFIX + "ListClusters";
        String authorization = SignedRequests.authorization("POST", "/", Map.of("content-type", SignedRequests.JSON_1_1,
                "host", host(), "x-amz-date", SignedRequests.amzDate(now), "x-amz-target", target), body, now,
                TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, TestServer.REGION, "ecs");
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Content-Type", SignedRequests.JSON_1_1),
                Map.entry("X-Amz-Date", SignedRequests.amzDate(now)), Map.entry("X-Amz-Target", target));
        List<Map.Entry<String, String>> twice = new ArrayList<>(headers);
        twice.add(Map.entry("Authorization", authorization));
        twice.add(Map.entry("Authorization", "garbage"));
        List<Map.Entry<String, String>> once = new ArrayList<>(headers);
        once.add(Map.entry("Authorization", authorization));

        assertRefused(send(twice, body), 400, "IncompleteSignatureException", "'Authorization' headers");
        assertThat(send(once, body).statusCode()).isEqualTo(200);
    }

    @Test
    void aSignatureInUpperCaseHexIsRefused() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String target = SignedRequests.ECS_TARGET_PREFIX + "ListClusters";
        String authorization = SignedRequests.authorization("POST", "/", Map.of("content-type", SignedRequests.JSON_1_1,
                "host", host(), "x-amz-date", SignedRequests.amzDate(now), "x-amz-target", target), body, now,
                TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, TestServer.REGION, "ecs");
        int at = authorization.indexOf("Signature=") + "Signature=".length();
        String upper = authorization.substring(0, at) + authorization.substring(at).toUpperCase(Locale.ROOT);

        HttpResponse<String> response = send(List.of(Map.entry("Content-Type", SignedRequests.JSON_1_1),
                Map.entry("X-Amz-Date", SignedRequests.amzDate(now)), Map.entry("X-Amz-Target", target),
                Map.entry("Authorization", upper)), body);

        assertRefused(response, 400, "InvalidSignatureException", "does not match");
    }

    @Test
    void aRequestDatedOnlyByADateHeaderIsRefusedWithoutSayingDateIsAccepted() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String target = SignedRequests.ECS_TARGET_PREFIX + "ListClusters";
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC));
        String authorization = SignedRequests.authorization("POST", "/", Map.of("content-type", SignedRequests.JSON_1_1,
                "host", host(), "date", date, "x-amz-target", target), body, now,
                TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, TestServer.REGION, "ecs");

        HttpResponse<String> response = send(List.of(Map.entry("Content-Type", SignedRequests.JSON_1_1),
                Map.entry("X-Amz-Target", target), Map.entry("Authorization", authorization)), body, date);

        assertRefused(response, 400, "IncompleteSignatureException", "'X-Amz-Date'");
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("'Date' header is not accepted")
                .doesNotContain("either");
    }

    private static String host() {
        return server.endpoint().getHost() + ":" + server.endpoint().getPort();
    }

    private static HttpResponse<String> send(List<Map.Entry<String, String>> headers, byte[] body) throws Exception {
        return send(headers, body, null);
    }

    /** Sends exactly these headers, repeated ones included, and a {@code Date} header when not null. */
    private static HttpResponse<String> send(List<Map.Entry<String, String>> headers, byte[] body, String date)
            throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        if (date != null) {
            request.header("Date", date);
        }
        return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String type, String messagePart)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo(type);
        assertThat(error.get("message").asText()).contains(messagePart);
    }

    private static SignedRequests signed() {
        return new SignedRequests(server.endpoint());
    }

    private static EcsClient client(String accessKeyId, String secretAccessKey, String region) {
        return EcsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
