package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
    void aClientInAnotherRegionIsRefused() {
        try (EcsClient client = client(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY, "eu-west-1")) {
            assertThatThrownBy(client::listClusters).isInstanceOfSatisfying(AwsServiceException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
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
