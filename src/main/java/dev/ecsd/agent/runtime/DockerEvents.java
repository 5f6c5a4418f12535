package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.ecsd.agent.runtime.ContainerRuntime.ContainerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event stream from the engine, shared by every subscriber, kept open for the runtime's life: when it
 * drops it is reopened from the time of the last event seen, so a short outage loses nothing the engine still
 * remembers. Events replayed across a reconnection are delivered once.
 */
final class DockerEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEvents.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final DockerClient client;
    private final EngineGate gate;
    private final Duration openTimeout;
    private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile boolean open;
    private Thread reader;
    private volatile boolean closed;
    private volatile EngineStream<Event> current;

    // touched only on the reader's stream thread, one stream at a time
    private volatile long lastEventNanos;
    private volatile long firstOpenedNanos; // by our clock: where to resume if the stream drops before any event
    private final Set<String> seenAtLastEventNanos = new HashSet<>();

    DockerEvents(DockerClient client, EngineGate gate, Duration openTimeout) {
        this.client = client;
        this.gate = gate;
        this.openTimeout = openTimeout;
    }

    /**
     * Adds a listener. The first one opens the stream and returns once the engine has answered, so every event
     * after that reaches it; if the engine is down it returns at once, and the stream keeps being retried.
     */
    void subscribe(Consumer<ContainerEvent> listener) {
        listeners.add(listener);
        synchronized (this) {
            if (reader == null && !closed) {
                reader = Thread.ofVirtual().name("docker events").start(this::readUntilClosed);
            }
        }
        try {
            if (!firstAttempt.await(openTimeout.toMillis(), TimeUnit.MILLISECONDS) || !open) {
                LOG.warn("the Docker event stream is not open yet; it keeps trying");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readUntilClosed() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            EngineStream<Event> stream = new EngineStream<>() {
                @Override
                protected void accept(Event event) {
                    deliver(event);
                }
            };
            current = stream;
            try {
                gate.run("open the event stream", openTimeout, () -> {
                    EventsCmd events = client.eventsCmd()
                            .withEventTypeFilter(EventType.CONTAINER)
                            .withEventFilter("start", "die", "oom", "health_status", "destroy");
                    long resumeFrom = lastEventNanos > 0 ? lastEventNanos : firstOpenedNanos;
                    if (resumeFrom > 0) {
                        events.withSince(resumeFrom / 1_000_000_000L + "." + String.format("%09d", resumeFrom % 1_000_000_000L));
                    }
                    events.exec(stream);
                    stream.awaitOpen();
                });
                open = true;
                if (firstOpenedNanos == 0) {
                    Instant now = Instant.now();
                    firstOpenedNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                }
                firstAttempt.countDown();
                retry = FIRST_RETRY;
                stream.awaitEnd(); // holds no permit: the stream is open and only read
            } catch (InterruptedException e) {
                stream.close();
                return;
            } catch (Exception e) {
                firstAttempt.countDown();
                if (!closed) {
                    // Once per outage, not at every retry: an engine that stays down would fill the log.
                    if (retry.equals(FIRST_RETRY)) {
                        LOG.warn("the Docker event stream broke ({}); reopening it until the engine answers",
                                e.getMessage());
                    } else {
                        LOG.debug("the Docker event stream is still down ({}); retrying in {} ms", e.getMessage(),
                                retry.toMillis());
                    }
                }
            }
            open = false;
            stream.close();
            if (closed) {
                return;
            }
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    private void deliver(Event event) {
        ContainerEvent.Type type = type(event.getAction() != null ? event.getAction() : event.getStatus());
        String containerId = event.getActor() != null && event.getActor().getId() != null
                ? event.getActor().getId() : event.getId();
        if (type == null || containerId == null) {
            return; // exec events of health probes and anything else we did not ask for
        }
        long nanos = event.getTimeNano() != null ? event.getTimeNano()
                : event.getTime() != null ? event.getTime() * 1_000_000_000L : 0;
        String key = containerId + " " + event.getAction();
        if (nanos < lastEventNanos || (nanos == lastEventNanos && !seenAtLastEventNanos.add(key))) {
            return; // already delivered before the stream was reopened
        }
        if (nanos > lastEventNanos) {
            lastEventNanos = nanos;
            seenAtLastEventNanos.clear();
            seenAtLastEventNanos.add(key);
        }
        ContainerEvent containerEvent = new ContainerEvent(containerId, type);
        for (Consumer<ContainerEvent> listener : listeners) {
            try {
                listener.accept(containerEvent);
            } catch (RuntimeException e) {
                LOG.warn("a container event listener failed on {}", containerEvent, e);
            }
        }
    }

    static ContainerEvent.Type type(String action) {
        if (action == null) {
            return null;
        }
        if (action.startsWith("health_status")) {
            return ContainerEvent.Type.HEALTH;
        }
        return switch (action) {
            case "start" -> ContainerEvent.Type.START;
            case "die" -> ContainerEvent.Type.EXIT;
            case "oom" -> ContainerEvent.Type.OOM;
            case "destroy" -> ContainerEvent.Type.DESTROY;
            default -> null;
        };
    }

    @Override
    public void close() {
        closed = true;
        EngineStream<Event> stream = current;
        if (stream != null) {
            stream.close();
        }
        Thread thread;
        synchronized (this) {
            thread = reader;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
