package dev.ecsd.agent.endpoint;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.agent.runtime.EngineUrgency;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.telemetry.EngineMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's runtime, redirecting each of this server's containers to the task endpoint as it starts. The rules
 * change off the start path, one at a time in the order they were asked for: each change runs iptables twice (about
 * 15 ms), which a task would otherwise wait for between its start and RUNNING. A container that asks for the endpoint
 * before its redirect exists is held (see {@link HostRedirect}): its connection attempt is dropped and its retry is
 * redirected. Stopping or removing a container ends its redirect. Everything else is the wrapped runtime's.
 */
public final class RedirectingRuntime implements ContainerRuntime {
    private final ContainerRuntime runtime;
    private final HostRedirect redirect;
    private final String instanceId;
    /** Redirected addresses by container id. */
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    /** Applies the rule changes in order; its one thread ends when there is nothing to do. */
    private final ExecutorService rules = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Thread.ofVirtual().name("ecsd-endpoint-redirects").factory());

    public RedirectingRuntime(ContainerRuntime runtime, HostRedirect redirect, String instanceId) {
        this.runtime = runtime;
        this.redirect = redirect;
        this.instanceId = instanceId;
    }

    /** Redirects every running container of this server (after a restart: the tasks it adopts). */
    public void redirectRunning() {
        try {
            runtime.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)).stream()
                    .filter(ContainerObservation::isRunning)
                    .forEach(this::redirect);
        } catch (RuntimeFailure e) {
            // the runtime cannot list now: containers started later are still redirected as they start
        }
    }

    /**
     * Starts, and redirects the container once a look shows its address: that look is taken with the rule changes,
     * off the start path, so a start that needs nothing else from the engine returns at once; it keeps the start's
     * urgency in the engine's queue, as a container may ask for its credentials as soon as it runs. A stop or
     * removal asked meanwhile is ordered after it (see {@link #forget}).
     */
    @Override
    public void startContainer(String id) {
        runtime.startContainer(id);
        if (redirect.isActive()) {
            EngineUrgency urgency = EngineUrgency.current();
            rules.execute(() -> {
                try {
                    urgency.during(() -> runtime.inspect(id)).filter(ContainerObservation::isRunning)
                            .ifPresent(this::redirectNow);
                } catch (RuntimeFailure e) {
                    // the engine cannot tell now: a request before the next start is not redirected
                }
            });
        }
    }

    /** Starts, then redirects what the one inspection after the start shows. */
    @Override
    public Optional<ContainerObservation> startAndInspect(String id) {
        runtime.startContainer(id);
        Optional<ContainerObservation> started = runtime.inspect(id);
        if (redirect.isActive()) {
            started.filter(ContainerObservation::isRunning).ifPresent(this::redirect);
        }
        return started;
    }

    private void redirect(ContainerObservation container) {
        rules.execute(() -> redirectNow(container));
    }

    /** On the rules' thread: redirects the container's address, if it has one and is this server's. */
    private void redirectNow(ContainerObservation container) {
        String address = container.ipAddress();
        if (address != null && !address.isEmpty()
                && instanceId.equals(container.labels().get(ContainerSpecs.LABEL_INSTANCE))) {
            addresses.put(container.id(), address);
            redirect.add(address);
        }
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        runtime.stopContainer(id, timeout);
        forget(id);
    }

    @Override
    public void removeContainer(String id) {
        runtime.removeContainer(id);
        forget(id);
    }

    /**
     * Ends a container's redirect, on the rules' thread: after any redirect of it asked before, whose look at the
     * engine may not have been taken yet.
     */
    private void forget(String id) {
        rules.execute(() -> {
            String address = addresses.remove(id);
            if (address != null) {
                redirect.remove(address);
            }
        });
    }

    @Override
    public String ping() {
        return runtime.ping();
    }

    @Override
    public boolean hasImage(String image) {
        return runtime.hasImage(image);
    }

    @Override
    public Optional<String> imageDigest(String image) {
        return runtime.imageDigest(image);
    }

    @Override
    public void pullImage(String image, RegistryAuth auth) {
        runtime.pullImage(image, auth);
    }

    @Override
    public String pauseImage() {
        return runtime.pauseImage();
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return runtime.createContainer(spec);
    }

    @Override
    public Optional<ContainerObservation> inspect(String id) {
        return runtime.inspect(id);
    }

    @Override
    public List<ContainerObservation> listContainers(Map<String, String> labels) {
        return runtime.listContainers(labels);
    }

    @Override
    public void ensureVolume(VolumeSpec volume) {
        runtime.ensureVolume(volume);
    }

    @Override
    public void removeVolume(String name) {
        runtime.removeVolume(name);
    }

    @Override
    public LogFollower followLogs(String id, Instant since, Consumer<LogLine> sink) {
        return runtime.followLogs(id, since, sink);
    }

    @Override
    public Optional<ContainerStats> stats(String id) {
        return runtime.stats(id);
    }

    @Override
    public Optional<String> statsJson(String id) {
        return runtime.statsJson(id);
    }

    @Override
    public void subscribe(Consumer<ContainerEvent> listener) {
        runtime.subscribe(listener);
    }

    @Override
    public void observe(EngineMetrics metrics) {
        runtime.observe(metrics);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
