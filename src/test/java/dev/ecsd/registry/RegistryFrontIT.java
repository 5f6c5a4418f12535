package dev.ecsd.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.server.EcsdServer;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The registry front on the API's port, spoken to as the distribution API is spoken, with a real docker-registry
 * child: the token, the region, the repository, and blobs far larger than the API's request limit, streamed.
 */
class RegistryFrontIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = basic("AWS", TestGate.TOKEN);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path dataDirectory;
    private static EcsdServer server;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("ecsd-registry-front-");
        server = EcsdServer.startWithRegistryGate(TestServer.configFor(dataDirectory), new TestGate("web-app",
                "team/api"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp file is no reason to fail a test
        }
    }

    @Test
    void withoutALoginDockerIsChallengedForBasicAuth() throws Exception {
        HttpResponse<String> response = send(request("/v2/").GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"ecsd\"");
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        assertThat(error(response).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(error(response).path("message").asText()).contains("docker login");
    }

    @Test
    void aTokenTheGateDoesNotKnowIsRefused() throws Exception {
        HttpResponse<String> response = send(request("/v2/us-east-1/web-app/tags/list")
                .header("Authorization", basic("AWS", "stale")).GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).path("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void withTheTokenTheRegistryAnswers() throws Exception {
        HttpResponse<String> response = send(request("/v2/").header("Authorization", GOOD).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void anotherRegionsRepositoryIsDenied() throws Exception {
        HttpResponse<String> response = send(request("/v2/eu-west-1/web-app/manifests/v1")
                .header("Authorization", GOOD).GET());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response).path("code").asText()).isEqualTo("DENIED");
    }

    @Test
    void aRepositoryThatDoesNotExistIsEcrsNameUnknown() throws Exception {
        HttpResponse<String> response = send(request("/v2/us-east-1/nothing/here/tags/list")
                .header("Authorization", GOOD).GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).path("code").asText()).isEqualTo("NAME_UNKNOWN");
        assertThat(error(response).path("message").asText()).isEqualTo(
                "The repository with name 'nothing/here' does not exist in the registry with id '000000000000'");
    }

    @Test
    void theCatalogIsNotListed() throws Exception {
        HttpResponse<String> response = send(request("/v2/_catalog").header("Authorization", GOOD).GET());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(error(response).path("code").asText()).isEqualTo("UNSUPPORTED");
    }

    @Test
    void imagesAreNotDeletedThroughTheRegistry() throws Exception {
        HttpResponse<String> response = send(request("/v2/us-east-1/web-app/manifests/sha256:"
                + "0".repeat(64)).header("Authorization", GOOD).DELETE());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(error(response).path("code").asText()).isEqualTo("UNSUPPORTED");
        assertThat(error(response).path("message").asText()).contains("batch-delete-image");
    }

    @Test
    void aBlobSixteenTimesTheApisLimitIsStreamedInAndOut() throws Exception {
        long size = 16 * 4L * 1024 * 1024;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (InputStream content = randomBytes(size, 7)) {
            content.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sent));
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sent.digest());

        HttpResponse<String> started = send(request("/v2/us-east-1/team/api/blobs/uploads/")
                .header("Authorization", GOOD).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/v2/us-east-1/team/api/blobs/uploads/");

        HttpResponse<String> uploaded = send(request(location + (location.contains("?") ? "&" : "?") + "digest="
                + digest).header("Authorization", GOOD).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> randomBytes(size, 7)), size)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

        HttpResponse<InputStream> downloaded = HTTP.send(request("/v2/us-east-1/team/api/blobs/" + digest)
                .header("Authorization", GOOD).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long length;
        try (InputStream body = downloaded.body()) {
            length = body.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(),
                    received));
        }
        assertThat(length).isEqualTo(size);
        assertThat("sha256:" + HexFormat.of().formatHex(received.digest())).isEqualTo(digest);
    }

    @Test
    void theAwsApiStillAnswersOnTheSamePort() {
        try (EcsClient ecs = TestServer.client(EcsClient.builder(), server.endpoint())) {
            assertThat(ecs.createCluster(r -> r.clusterName("beside-the-registry")).cluster().clusterName())
                    .isEqualTo("beside-the-registry");
        }
    }

    /** The same {@code size} bytes for the same seed, made as they are read. */
    private static InputStream randomBytes(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, buffer, offset, n);
                left -= n;
                return n;
            }
        };
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.endpoint() + path)).timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("errors").path(0);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
