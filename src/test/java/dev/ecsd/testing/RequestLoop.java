package dev.ecsd.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Steady traffic to one URL, as a user's clients would send it: one request every {@code 1/rate} seconds over a
 * kept-alive HTTP/1.1 connection, bounded in count and in time. It records every answer: which body came back how
 * often, and every failure (a status other than 200, or no answer).
 */
public final class RequestLoop implements AutoCloseable {
    private final URI uri;
    private final Duration period;
    private final int maxRequests;
    private final long deadlineNanos;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private final Thread thread;

    private RequestLoop(URI uri, int perSecond, int maxRequests, Duration maxDuration) {
        this.uri = uri;
        this.period = Duration.ofNanos(1_000_000_000L / perSecond);
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
        this.thread = Thread.ofPlatform().name("request-loop").daemon().unstarted(this::run);
    }

    /** Starts sending {@code perSecond} requests a second, at most {@code maxRequests}, for at most {@code maxDuration}. */
    public static RequestLoop start(URI uri, int perSecond, int maxRequests, Duration maxDuration) {
        RequestLoop loop = new RequestLoop(uri, perSecond, maxRequests, maxDuration);
        loop.thread.start();
        return loop;
    }

    private void run() {
        try {
            long next = System.nanoTime();
            while (!stopped && sent.get() < maxRequests && System.nanoTime() < deadlineNanos) {
                sent.incrementAndGet();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        bodies.computeIfAbsent(response.body().trim(), k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failures.add(response.statusCode() + " " + response.body().trim());
                    }
                } catch (IOException e) {
                    failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                next += period.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        } finally {
            finished.countDown();
        }
    }

    public int sent() {
        return sent.get();
    }

    /** The bodies answered with 200, with how often each came back. */
    public Map<String, Integer> bodies() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        bodies.forEach((body, count) -> counts.put(body, count.get()));
        return counts;
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Stops sending and waits for the request under way. */
    @Override
    public void close() {
        stopped = true;
        try {
            if (!finished.await(20, TimeUnit.SECONDS)) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
