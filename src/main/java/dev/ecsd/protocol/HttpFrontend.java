package dev.ecsd.protocol;

import dev.ecsd.telemetry.ApiMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP port: a few ecsd routes under {@code /_ecsd/}, every AWS request, and the image registry's
 * requests under {@code /v2/} (streamed, by a handler of their own).
 * Handlers are plain blocking code run on Jetty's pool of platform threads. Not on a virtual thread per request:
 * that hand-off cost about 70 µs a request, and on 2 cores the carrier threads and the clients' own threads
 * oversubscribed the CPUs into multi-millisecond stalls (p99 14–17 ms at 8 connections against 2–3 ms without;
 * see the README's performance section). No handler blocks for long: the longest wait is a write's group commit.
 */
public final class HttpFrontend implements AutoCloseable {
    /**
     * A route of ecsd's own, matched by method and exact path. A route of any method but GET changes state, and
     * answers only requests signed with the server's credentials.
     */
    public record Route(String method, String path, Function<SigV4Verifier.HttpRequestParts, Reply> handler) {
    }

    /** Enough for every writer waiting on a group commit at once (the store benchmark runs 32) and then some. */
    private static final int MAX_THREADS = 200;

    private final Server server;
    private final ServerConnector connector;

    public HttpFrontend(String bindAddress, int port, long maxBodyBytes, List<Route> routes, AwsDispatcher dispatcher) {
        this(bindAddress, port, maxBodyBytes, routes, RegionRouter.single(dispatcher));
    }

    /** A front end that hands each AWS request to the dispatcher of its signature's region. */
    public HttpFrontend(String bindAddress, int port, long maxBodyBytes, List<Route> routes, RegionRouter dispatcher) {
        this(bindAddress, port, maxBodyBytes, routes, dispatcher, null, ApiMetrics.NONE);
    }

    /**
     * As {@link #HttpFrontend(String, int, long, List, RegionRouter)}, with a handler asked first about every request
     * (the image registry's front, under {@code /v2/}): what it declines to handle goes to the AWS dispatch. It gets
     * the request before any of its body is read, so it can stream bodies of any size.
     */
    public HttpFrontend(String bindAddress, int port, long maxBodyBytes, List<Route> routes, RegionRouter dispatcher,
            Handler first, ApiMetrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("ecsd-http");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);
        Handler dispatch = new Dispatch(List.copyOf(routes), dispatcher, maxBodyBytes, metrics);
        server.setHandler(first == null ? dispatch : new Handler.Sequence(first, dispatch));
        int maxHeaderBytes = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .getRequestHeaderSize();
        server.setErrorHandler(new AwsErrorPages(maxHeaderBytes));
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping at shutdown: nothing to do about it
        }
    }

    private static final class Dispatch extends Handler.Abstract {
        private final List<Route> routes;
        private final RegionRouter dispatcher;
        private final long maxBodyBytes;
        private final ApiMetrics metrics;
        private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

        Dispatch(List<Route> routes, RegionRouter dispatcher, long maxBodyBytes, ApiMetrics metrics) {
            this.routes = routes;
            this.metrics = metrics;
            this.dispatcher = dispatcher;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Reply reply;
            try {
                reply = answer(request);
            } catch (IOException e) {
                reply = Reply.text(400, "The request body could not be read: " + e.getMessage());
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return true;
        }

        private Reply answer(Request request) throws IOException {
            long declaredLength = request.getLength();
            SigV4Verifier.HttpRequestParts head = new SigV4Verifier.HttpRequestParts(request.getMethod(),
                    request.getHttpURI().getPath(), request.getHttpURI().getQuery(), headers(request), new byte[0]);
            byte[] body;
            try (InputStream in = Request.asInputStream(request)) {
                if (declaredLength > maxBodyBytes) {
                    drain(in);
                    return AwsDispatcher.tooLarge(maxBodyBytes, head);
                }
                // A declared length is read exactly: reading up to the limit would allocate the limit's chunks.
                body = declaredLength >= 0 ? in.readNBytes((int) declaredLength)
                        : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
                if (body.length > maxBodyBytes) {
                    drain(in);
                    return AwsDispatcher.tooLarge(maxBodyBytes, head);
                }
            }
            SigV4Verifier.HttpRequestParts parts = new SigV4Verifier.HttpRequestParts(head.method(), head.rawPath(),
                    head.rawQuery(), head.headers(), body);
            for (Route route : routes) {
                if (route.path().equals(parts.rawPath())) {
                    if (!route.method().equals(parts.method())) {
                        return Reply.text(405, "Use " + route.method() + " for " + route.path() + "\n");
                    }
                    if (!"GET".equals(route.method())) {
                        Optional<Reply> refused = dispatcher.refuseUnsigned(parts);
                        if (refused.isPresent()) {
                            return refused.get();
                        }
                    }
                    return route.handler().apply(parts);
                }
            }
            // the dispatch's real latency for the metrics, as a client feels it (no injected timer reaches the wire)
            long started = System.nanoTime();
            Reply reply = dispatcher.handle(parts);
            record(parts, reply, System.nanoTime() - started);
            return reply;
        }

        /** Counts an answered AWS request in ecsd's own metrics (its latency is the dispatch's, body read excluded). */
        private void record(SigV4Verifier.HttpRequestParts request, Reply reply, long nanos) {
            if (metrics == ApiMetrics.NONE) {
                return;
            }
            RequestLabels labels = RequestLabels.of(request);
            String errorCode = reply.status() < 400 ? null
                    : reply.headers().getOrDefault("x-amzn-ErrorType", RequestLabels.UNKNOWN);
            metrics.request(labels.region(), labels.service(), labels.operation(), reply.status(),
                    errorCode == null ? null : RequestLabels.plain(errorCode), nanos);
        }

        /**
         * Reads and discards what is left of a refused body (up to a bound), so that the client, still sending,
         * reads the 413 instead of a connection reset.
         */
        private static void drain(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long left = MAX_DRAINED_BYTES;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        }

        private static Map<String, List<String>> headers(Request request) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
            return headers;
        }
    }
}
