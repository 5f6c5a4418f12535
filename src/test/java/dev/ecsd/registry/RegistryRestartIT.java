package dev.ecsd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The registry child is never left behind: not when ecsd is killed with SIGKILL (its wrapper sees the JVM's pipe
 * close), not when a registry of a previous ecsd survived (the pid file), and it comes back when it dies alone.
 */
class RegistryRestartIT {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theRegistryDiesWithEcsdAndComesBackWithIt() throws Exception {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            Path registryDirectory = process.dataDirectory().resolve("registry");
            ProcessHandle first = registryOf(registryDirectory);
            assertThat(first.isAlive()).isTrue();
            assertThat(status(process)).isEqualTo(401);

            process.kill9();

            await("the registry of a SIGKILLed ecsd to exit").atMost(GONE_WITHIN).until(() -> !first.isAlive());

            // a registry a previous ecsd left behind (as if its wrapper had been killed with it): stopped at start
            Process stray = new ProcessBuilder(RegistryProcess.PROGRAM.toString(), "serve",
                    registryDirectory.resolve("config.yml").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Files.writeString(registryDirectory.resolve("registry.pid"), stray.pid() + "\n");
                assertThat(stray.isAlive()).isTrue();

                process.restart();

                await("the stray registry to be stopped").atMost(GONE_WITHIN).until(() -> !stray.isAlive());
                ProcessHandle second = registryOf(registryDirectory);
                assertThat(second.pid()).isNotEqualTo(stray.pid()).isNotEqualTo(first.pid());
                assertThat(status(process)).isEqualTo(401);

                // the registry dies alone: ecsd starts it again after a back-off
                second.destroyForcibly();
                await("a new registry").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> registryPid(registryDirectory) != second.pid()
                                && ProcessHandle.of(registryPid(registryDirectory)).map(ProcessHandle::isAlive)
                                        .orElse(false)
                                && status(process) == 401);
                ProcessHandle third = registryOf(registryDirectory);

                process.stop();

                await("the registry of a stopped ecsd to exit").atMost(GONE_WITHIN).until(() -> !third.isAlive());
                assertThat(process.log()).contains("the image registry exited with code");
            } finally {
                stray.destroyForcibly();
            }
        }
    }

    /** The running registry named by the pid file, checked to be docker-registry serving this directory. */
    private static ProcessHandle registryOf(Path registryDirectory) throws IOException {
        long pid = registryPid(registryDirectory);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
        assertThat(commandLine).contains("docker-registry").contains(registryDirectory.toString());
        return handle;
    }

    private static long registryPid(Path registryDirectory) throws IOException {
        return Long.parseLong(Files.readString(registryDirectory.resolve("registry.pid")).strip());
    }

    /** What the front answers an unauthenticated GET /v2/: 401 while the registry runs, 503 while it does not. */
    private static int status(ServerProcess process) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(process.endpoint() + "/v2/")).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
