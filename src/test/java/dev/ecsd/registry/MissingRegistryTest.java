package dev.ecsd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.VirtualTimer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the registry program, nothing starts, and Docker and the image side are told what to install. */
class MissingRegistryTest {
    @TempDir
    Path directory;

    @Test
    void everyRegistryRequestAnswers503WithWhatToInstall() throws Exception {
        RegistryProcess registry = new RegistryProcess(directory.resolve("no-such-program"), directory.resolve("r"),
                new VirtualTimer(Instant.EPOCH));
        registry.start();
        assertThat(registry.installed()).isFalse();
        assertThat(registry.available()).isFalse();
        assertThat(Files.exists(directory.resolve("r"))).isFalse();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new RegistryFront(registry, new TestGate("web-app"), TestGate.ACCOUNT));
        server.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/v2/")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"code\":\"UNAVAILABLE\"")
                    .contains("apt-get install -y docker-registry");
        } finally {
            server.stop();
            registry.close();
        }
    }

    @Test
    void theImageSideIsToldTheSame() {
        RegistryProcess registry = new RegistryProcess(directory.resolve("no-such-program"), directory,
                new VirtualTimer(Instant.EPOCH));
        RegistryStorage storage = new RegistryStorage(registry, () -> "127.0.0.1:4566");
        assertThat(storage.available()).isFalse();
        assertThat(storage.address()).isEqualTo("127.0.0.1:4566");
        assertThatThrownBy(() -> storage.manifest("us-east-1", "web-app", "v1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apt-get install -y docker-registry");
    }

    @Test
    void dockerReachesALoopbackOrWildcardApiOn127001() {
        assertThat(RegistryStorage.addressOf("127.0.0.1", 4566)).isEqualTo("127.0.0.1:4566");
        assertThat(RegistryStorage.addressOf("0.0.0.0", 4566)).isEqualTo("127.0.0.1:4566");
        assertThat(RegistryStorage.addressOf("::", 4566)).isEqualTo("127.0.0.1:4566");
        assertThat(RegistryStorage.addressOf("10.1.2.3", 4566)).isEqualTo("10.1.2.3:4566");
        assertThat(RegistryStorage.addressOf("fd00::1", 4566)).isEqualTo("[fd00::1]:4566");
    }
}
