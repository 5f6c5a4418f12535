package dev.ecsd.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/** nginx from Debian's package as a benchmark's anchor: started on a configuration, answering on a loopback port. */
final class Nginx {
    static final Path EXECUTABLE = Path.of("/usr/sbin/nginx");

    private Nginx() {
    }

    /**
     * Writes {@code configuration} to {@code work/nginx.conf}, starts nginx on it with {@code work} as its prefix,
     * and waits until {@code http://127.0.0.1:port/} answers 200.
     */
    static Process start(Path work, int port, String configuration) throws Exception {
        Path file = work.resolve("nginx.conf");
        Files.writeString(file, configuration);
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-c", file.toString(), "-p", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("nginx answering").atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return process;
    }
}
