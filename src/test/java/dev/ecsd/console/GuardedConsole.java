package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.server.ServerConfig;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A server bound to every address (0.0.0.0), so its console asks for a login, with credentials of its own (the
 * server refuses {@code test} on such a bind); the tests reach it at 127.0.0.1 only.
 */
final class GuardedConsole implements AutoCloseable {
    static final String KEY_ID = "AKIDCONSOLETEST0001";
    static final String SECRET = "console-Secret/Value+9f3Kq2";

    private final TestServer server;
    private final EcsClient ecs;

    private GuardedConsole(TestServer server) {
        this.server = server;
        this.ecs = TestServer.client(EcsClient.builder(), server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)));
    }

    static GuardedConsole start() {
        try {
            ServerConfig config = new ServerConfig("0.0.0.0", 0, Files.createTempDirectory("ecsd-console-"),
                    TestServer.REGION, TestServer.ACCOUNT, KEY_ID, SECRET, false,
                    ServerConfig.DEFAULT_MAX_REQUEST_BYTES,
                    ServerConfig.RUNTIME_SIMULATED);
            assertThat(config.bindsLoopbackOnly()).isFalse();
            assertThat(config.exposesWellKnownCredentials()).isFalse();
            return new GuardedConsole(TestServer.start(config));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server at 127.0.0.1 (its endpoint for a 0.0.0.0 bind): no traffic leaves the loopback. */
    URI endpoint() {
        URI endpoint = server.endpoint();
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        return endpoint;
    }

    EcsClient ecs() {
        return ecs;
    }

    TestServer server() {
        return server;
    }

    /** A visitor who logged in with the server's credentials. */
    ConsoleHttp loggedIn() {
        ConsoleHttp visitor = new ConsoleHttp(endpoint());
        HttpResponse<String> form = visitor.get(LoginPage.PATH);
        HttpResponse<String> in = visitor.post(LoginPage.PATH, Map.of("csrf", ConsoleHttp.csrf(form.body()),
                "accessKeyId", KEY_ID, "secretAccessKey", SECRET, "next", "/ui/"));
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(visitor.get("/ui/").statusCode()).isEqualTo(200);
        return visitor;
    }

    @Override
    public void close() {
        ecs.close();
        server.close();
    }
}
