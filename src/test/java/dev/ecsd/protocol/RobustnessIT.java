package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.server.ServerConfig;
import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever arrives, the answer is an AWS error in the JSON 1.1 shape, and the server keeps serving. */
class RobustnessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final SignedRequests requests = new SignedRequests(server.endpoint());

    @AfterEach
    void serverStillAnswersListClusters() {
        HttpResponse<String> response = requests.ecs("ListClusters", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).has("clusterArns")).isTrue();
        assertThat(server.ecs().listClusters().sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void malformedJsonIsASerializationException() {
        assertError(requests.ecs("CreateCluster", "{\"clusterName\": "), 400, "SerializationException", "not valid JSON");
        assertError(requests.ecs("CreateCluster", "{\"clusterName\": \"a\"} trailing"), 400, "SerializationException",
                "not valid JSON");
    }

    @Test
    void aBodyThatIsNotAnObjectIsASerializationException() {
        assertError(requests.ecs("ListClusters", "[]"), 400, "SerializationException", "JSON object");
        assertError(requests.ecs("ListClusters", "\"ListClusters\""), 400, "SerializationException", "JSON object");
        assertError(requests.ecs("ListClusters", "null"), 400, "SerializationException", "JSON object");
    }

    @Test
    void anEmptyBodyIsAnEmptyRequest() {
        HttpResponse<String> response = requests.ecs("ListClusters", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("clusterArns").isArray()).isTrue();
    }

    @Test
    void wrongMemberTypesAreSerializationExceptionsNamingTheMember() {
        assertError(requests.ecs("CreateCluster", "{\"clusterName\": 7}"), 400, "SerializationException", "clusterName");
        assertError(requests.ecs("ListClusters", "{\"maxResults\": \"3\"}"), 400, "SerializationException", "maxResults");
        assertError(requests.ecs("RegisterTaskDefinition",
                "{\"family\": \"f\", \"cpu\": 256, \"containerDefinitions\": [{\"name\": \"c\", \"image\": \"i\"}]}"),
                400, "SerializationException", "'cpu'");
        assertError(requests.ecs("CreateCluster", "{\"tags\": {\"key\": \"a\"}}"), 400, "SerializationException", "tags");
    }

    @Test
    void nullsInsideListsAreSerializationExceptionsNotServerErrors() {
        assertError(requests.ecs("CreateCluster", "{\"clusterName\": \"x\", \"tags\": [null]}"), 400,
                "SerializationException", "tags[0]");
        assertError(requests.ecs("CreateCluster", "{\"clusterName\": \"x\", \"capacityProviders\": [null]}"), 400,
                "SerializationException", "capacityProviders[0]");
        assertError(requests.ecs("DescribeClusters", "{\"include\": [null]}"), 400, "SerializationException",
                "include[0]");
        assertError(requests.ecs("RegisterTaskDefinition", "{\"family\": \"f\", \"containerDefinitions\": [null]}"),
                400, "SerializationException", "containerDefinitions[0]");
    }

    @Test
    void anUnknownTargetPrefixIsAnUnknownOperation() {
        assertError(requests.post("AmazonSomethingElse_20200101.ListClusters", "{}"), 400,
                "UnknownOperationException", "AmazonSomethingElse_20200101");
        assertError(requests.post("NoDotAtAll", "{}"), 400, "UnknownOperationException", "NoDotAtAll");
    }

    @Test
    void anOperationEcsDoesNotHaveIsAnUnknownOperation() {
        assertError(requests.ecs("MakeCoffee", "{}"), 400, "UnknownOperationException", "MakeCoffee");
        // a model shape is not an operation
        assertError(requests.ecs("AcceleratorCount", "{}"), 400, "UnknownOperationException", "AcceleratorCount");
    }

    @Test
    void aRealEcsOperationNotImplementedYetAnswersTheUniformNotImplementedError() {
        assertError(requests.ecs("ListAttributes", "{\"cluster\": \"default\", \"targetType\": \"container-instance\"}"),
                501, "NotImplementedException", "ListAttributes");
    }

    @Test
    void aMissingRequiredMemberIsAnInvalidParameterException() {
        assertError(requests.ecs("DeleteCluster", "{}"), 400, "InvalidParameterException", "'cluster'");
        assertError(requests.ecs("DeleteCluster", "{\"cluster\": null}"), 400, "InvalidParameterException", "'cluster'");
        assertError(requests.ecs("TagResource", "{\"resourceArn\": \"arn:aws:ecs:us-east-1:000000000000:cluster/x\"}"),
                400, "InvalidParameterException", "'tags'");
    }

    @Test
    void aBodyOverFourMebibytesIsRequestEntityTooLarge() {
        byte[] body = new byte[(int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        HttpResponse<String> response = requests.send("POST", SignedRequests.ECS_TARGET_PREFIX + "ListClusters", body,
                Instant.now());

        assertError(response, 413, "RequestEntityTooLargeException", "4194304");
    }

    @Test
    void aChunkedBodyOverFourMebibytesIsRequestEntityTooLarge() throws Exception {
        byte[] body = new byte[(int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES + 1024];
        Arrays.fill(body, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", SignedRequests.JSON_1_1)
                .header("X-Amz-Target", SignedRequests.ECS_TARGET_PREFIX + "ListClusters")
                // an InputStream of unknown length goes out chunked, with no Content-Length to refuse early
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertError(response, 413, "RequestEntityTooLargeException", "4194304");
    }

    @Test
    void aBodyOfExactlyFourMebibytesIsAccepted() {
        byte[] body = new byte[(int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        HttpResponse<String> response = requests.send("POST", SignedRequests.ECS_TARGET_PREFIX + "ListClusters", body,
                Instant.now());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anOversizedHeaderIsAnAwsErrorNotAnHtmlPage() {
        HttpResponse<String> response = requests.sendRaw("POST", "/", Map.of("Content-Type", SignedRequests.JSON_1_1,
                "X-Amz-Target", SignedRequests.ECS_TARGET_PREFIX + "ListClusters", "X-Padding", "a".repeat(20_000)),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertError(response, 431, "RequestHeaderFieldsTooLargeException", "headers are larger than the 8192 bytes");
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void aSignedGetIsRefusedAsAnUnknownOperation() {
        HttpResponse<String> response = requests.send("GET", SignedRequests.ECS_TARGET_PREFIX + "ListClusters",
                new byte[0], Instant.now());

        assertError(response, 400, "UnknownOperationException", "POST");
    }

    @Test
    void anUnsignedGetOfTheRootIsAMissingAuthenticationToken() {
        HttpResponse<String> response = requests.sendRaw("GET", "/", Map.of(), new byte[0]);

        assertError(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Test
    void aRequestWithoutTargetIsAnUnknownOperation() {
        HttpResponse<String> response = requests.send("POST", null, "{}".getBytes(StandardCharsets.UTF_8), Instant.now());

        assertError(response, 400, "UnknownOperationException", "X-Amz-Target");
    }

    @Test
    void errorsCarryTheRequestIdAndErrorTypeHeaders() {
        HttpResponse<String> response = requests.ecs("MakeCoffee", "{}");

        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void healthAnswers200() {
        HttpResponse<String> response = requests.sendRaw("GET", "/_ecsd/health", Map.of(), new byte[0]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("ready");
    }

    @Test
    void resetWipesStateWhenAllowed() {
        server.ecs().createCluster(r -> r.clusterName("doomed"));
        assertThat(server.ecs().listClusters().clusterArns()).isNotEmpty();

        HttpResponse<String> response = new SignedRequests(server.endpoint()).scope(TestServer.REGION, "ecsd")
                .sendSigned("POST", "/_ecsd/reset", Map.of(), new byte[0], Instant.now());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(server.ecs().listClusters().clusterArns()).isEmpty();
        assertThat(server.ecs().describeClusters(r -> r.clusters("doomed")).failures())
                .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    }

    @Test
    void resetIsForbiddenWhenNotAllowed() throws IOException {
        ServerConfig tests = TestServer.configFor(Files.createTempDirectory("ecsd-noreset-"));
        ServerConfig noReset = new ServerConfig(tests.bindAddress(), 0, tests.dataDirectory(), tests.region(),
                tests.accountId(), tests.accessKeyId(), tests.secretAccessKey(), false, tests.maxRequestBytes(),
                tests.runtime());
        try (TestServer guarded = TestServer.start(noReset)) {
            guarded.ecs().createCluster(r -> r.clusterName("kept"));
            SignedRequests guardedRequests = new SignedRequests(guarded.endpoint());

            HttpResponse<String> response = guardedRequests.sendSigned("POST", "/_ecsd/reset", Map.of(), new byte[0],
                    Instant.now());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("message").asText()).contains("--allow-reset");
            assertThat(guarded.ecs().listClusters().clusterArns())
                    .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/kept");
        }
    }

    @Test
    void anUnsignedResetIsRefusedAndWipesNothing() {
        server.ecs().createCluster(r -> r.clusterName("kept"));

        // what a web page's cross-origin POST can send: no Authorization header
        HttpResponse<String> unsigned = requests.sendRaw("POST", "/_ecsd/reset",
                Map.of("Content-Type", "text/plain", "Origin", "http://example.com"), "x".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> wrongSecret = new SignedRequests(server.endpoint()).credentials(TestServer.ACCESS_KEY_ID,
                "not-the-secret").scope(TestServer.REGION, "ecsd")
                .sendSigned("POST", "/_ecsd/reset", Map.of(), new byte[0], Instant.now());

        assertError(unsigned, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertError(wrongSecret, 400, "InvalidSignatureException", "does not match");
        assertThat(server.ecs().listClusters().clusterArns())
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/kept");
    }

    @Test
    void theReadmesCurlLineResetsTheServer() throws Exception {
        server.ecs().createCluster(r -> r.clusterName("doomed"));
        Process curl = new ProcessBuilder("curl", "-sS", "--aws-sigv4", "aws:amz:us-east-1:ecsd", "--user", "test:test",
                "-X", "POST", server.endpoint() + "/_ecsd/reset").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor()).as(output).isZero();
        assertThat(output).contains("\"status\":\"reset\"");
        assertThat(server.ecs().listClusters().clusterArns()).isEmpty();
    }

    @Test
    void theWrongMethodOnAnEcsdRouteIsRefused() {
        HttpResponse<String> response = requests.sendRaw("POST", "/_ecsd/health", Map.of(), new byte[0]);

        assertThat(response.statusCode()).isEqualTo(405);
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(SignedRequests.JSON_1_1);
        JsonNode body = json(response);
        assertThat(body.get("__type").asText()).isEqualTo(type);
        assertThat(body.get("message").asText()).contains(messagePart);
        assertThat(body.get("message").asText()).doesNotContain("Exception:").doesNotContain("\tat ");
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
