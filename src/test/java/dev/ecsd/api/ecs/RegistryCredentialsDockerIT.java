package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A private registry login reaches the registry: the Docker Engine pulls from a registry on 127.0.0.1 (the engine
 * speaks plain HTTP to loopback registries) that asks for Basic authentication and records what it is sent. The
 * registry has no image, so the pull fails after the login, which is all this needs to see.
 */
@RequiresDocker
class RegistryCredentialsDockerIT {
    private static final String CLUSTER = "registry-docker";
    private static final String PASSWORD = "r3gistry-Pa55";
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static HttpServer registry;
    private static TestServer server;
    private static EcsClient ecs;
    private static SecretsManagerClient secretsManager;
    private static EcsTasks tasks;
    private static String instanceId;

    @BeforeAll
    static void start() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        registry.createContext("/", RegistryCredentialsDockerIT::answer);
        registry.start();
        server = TestServer.startWithDocker();
        ecs = server.ecs();
        secretsManager = server.secretsManager();
        instanceId = DockerCli.instanceIdOf(server.dataDirectory());
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        tasks = new EcsTasks(ecs, CLUSTER);
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                tasks.stopAll();
                secretsManager.close();
                server.close();
            }
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
            if (registry != null) {
                registry.stop(0);
            }
        }
    }

    @Test
    void theEnginePullsWithTheLoginFromTheSecretAndTheReasonShowsNoPassword() {
        String image = "127.0.0.1:" + registry.getAddress().getPort() + "/team/private-app:1";
        String login = secretsManager.createSecret(r -> r.name("registry/login")
                .secretString("{\"username\":\"puller\",\"password\":\"" + PASSWORD + "\"}")).arn();
        String definition = tasks.register("private", ContainerDefinition.builder().name("app").image(image)
                .essential(true).repositoryCredentials(c -> c.credentialsParameter(login)).build());

        Task stopped = tasks.awaitStatus(tasks.run(definition), "STOPPED");

        String basic = "Basic " + Base64.getEncoder().encodeToString(("puller:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(AUTHORIZATIONS).contains(basic);
        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError").doesNotContain(PASSWORD);
    }

    /** A registry that wants a Basic login and then has no manifest. */
    private static void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] body;
        if (authorization == null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"ecsd-test\"");
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
        } else {
            AUTHORIZATIONS.add(authorization);
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            boolean ping = "/v2/".equals(exchange.getRequestURI().getPath());
            body = (ping ? "{}" : "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ping ? 200 : 404, body.length);
        }
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
