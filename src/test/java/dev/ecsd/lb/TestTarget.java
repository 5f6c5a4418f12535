package dev.ecsd.lb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP target on 127.0.0.1: answers its name (with the request's path) to every request, except its
 * health path, whose status a test sets; a request to {@code /slow} waits until the test releases it, and one to
 * {@code /chunked…} is answered chunked. It notes the headers of every request it serves.
 */
final class TestTarget implements AutoCloseable {
    static final String HEALTH_PATH = "/health";

    private final String name;
    private final HttpServer server;
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Map<String, List<String>>> healthCheckHeaders = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch slowRelease = new CountDownLatch(1);
    private final AtomicInteger slowStarted = new AtomicInteger();
    private final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TestTarget(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String name() {
        return name;
    }

    void answerHealthChecksWith(int status) {
        healthStatus.set(status);
    }

    /** Requests served, health checks not counted. */
    int requests() {
        return requests.get();
    }

    List<Map<String, List<String>>> healthCheckHeaders() {
        return healthCheckHeaders;
    }

    List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    /** How many connections requests came on (health checks not counted). */
    int connectionsSeen() {
        return clientPorts.size();
    }

    int slowRequestsStarted() {
        return slowStarted.get();
    }

    void releaseSlowRequests() {
        slowRelease.countDown();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            if (path.equals(HEALTH_PATH)) {
                healthCheckHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
                exchange.sendResponseHeaders(healthStatus.get(), -1);
                return;
            }
            requests.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            if (path.equals("/slow")) {
                slowStarted.incrementAndGet();
                slowRelease.await();
            }
            String answer = name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + (requestBody.length > 0 ? " " + new String(requestBody, StandardCharsets.UTF_8) : "");
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            // a length of 0 makes the JDK's server answer chunked
            exchange.sendResponseHeaders(200, path.startsWith("/chunked") ? 0 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
    }
}
