package dev.ecsd.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reaches what a container serves on a port of the host's loopback. */
public final class LocalHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalHttp() {
    }

    /** Repeats GET http://127.0.0.1:{port}/ until it answers 200, within {@code atMost}; answers the body. */
    public static String awaitBody(int port, Duration atMost) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        return await("GET " + uri).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 ? response.body() : null;
                }, body -> body != null);
    }
}
