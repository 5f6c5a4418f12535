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
 * Steady traffic to one URL, as a user's clients would send it: {@value #WORKERS} workers, each on its own kept-alive
 * HTTP/1.1 connection, together sending {@code perSecond} requests a second on a fixed schedule, bounded in count and
 * in time. Several requests are in flight at once, as under real load. It records every answer: which body came back
 * how often, and every failure (a status other than 200, or no answer).
 */
public final class RequestLoop implements AutoCloseable {
    private static final int WORKERS = 4;
    private final URI uri;
    private final Duration period;
    private final int maxRequests;
    private final long deadlineNanos;
    private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(WORKERS);
    private volatile boolean stopped;
    private final List<Thread> threads = new ArrayList<>();

    private RequestLoop(URI uri, int perSecond, int maxRequests, Duration maxDuration) {
        this.uri = uri;
        // each worker keeps its own schedule, offset from the others, so that the requests are evenly spread
        this.period = Duration.ofNanos(1_000_000_000L * WORKERS / perSecond);
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
        for (int i = 0; i < WORKERS; i++) {
            long offset = period.toNanos() * i / WORKERS;
            threads.add(Thread.ofPlatform().name("request-loop-" + i).daemon().unstarted(() -> run(offset)));
        }
    }

    /** Starts sending {@code perSecond} requests a second, at most {@code maxRequests}, for at most {@code maxDuration}. */
    public static RequestLoop start(URI uri, int perSecond, int maxRequests, Duration maxDuration) {
        RequestLoop loop = new RequestLoop(uri, perSecond, maxRequests, maxDuration);
        loop.threads.forEach(Thread::start);
        return loop;
    }

    private void run(long offsetNanos) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            long next = System.nanoTime() + offsetNanos;
            LockSupport.parkNanos(offsetNanos);
            while (!stopped && System.nanoTime() < deadlineNanos && sent.getAndIncrement() < maxRequests) {
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
        return Math.min(sent.get(), maxRequests);
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
                threads.forEach(Thread::interrupt);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
