package dev.ecsd.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that hands each request, exactly as the SDK marshalled and signed it, to a handler in this
 * JVM and gives the SDK the handler's reply: the SDK's own marshalling and unmarshalling, without a socket.
 */
final class InProcessHttpClient implements SdkHttpClient {
    private final Function<SigV4Verifier.HttpRequestParts, Reply> handler;
    private final List<SigV4Verifier.HttpRequestParts> requests = new ArrayList<>();

    InProcessHttpClient(Function<SigV4Verifier.HttpRequestParts, Reply> handler) {
        this.handler = handler;
    }

    /** Every request the SDK sent, oldest first. */
    List<SigV4Verifier.HttpRequestParts> requests() {
        return requests;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                }
                SigV4Verifier.HttpRequestParts parts = parts(request.httpRequest(), body);
                requests.add(parts);
                Reply reply = handler.apply(parts);
                SdkHttpResponse.Builder response = SdkHttpResponse.builder()
                        .statusCode(reply.status())
                        .putHeader("Content-Type", reply.contentType());
                reply.headers().forEach(response::putHeader);
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(reply.body())))
                        .build();
            }

            @Override
            public void abort() {
                // answered synchronously: there is nothing in flight to abort
            }
        };
    }

    private static SigV4Verifier.HttpRequestParts parts(SdkHttpRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        String path = request.encodedPath().isEmpty() ? "/" : request.encodedPath();
        String query = request.encodedQueryParameters().orElse(null);
        return new SigV4Verifier.HttpRequestParts(request.method().name(), path, query, headers, body);
    }

    @Override
    public void close() {
        // nothing held
    }
}
