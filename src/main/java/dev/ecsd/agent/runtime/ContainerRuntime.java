package dev.ecsd.agent.runtime;

import dev.ecsd.telemetry.EngineMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The driver an agent runs containers through. Every method is blocking and bounded in time: an engine
 * that does not answer makes the call fail with {@link RuntimeFailure}, never hang. Implementations:
 * {@code DockerRuntime} (a real Docker Engine) and {@code SimulatedRuntime} (no containers, for logic and
 * scale tests).
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Checks the engine answers; describes it (for the log). */
    String ping();

    boolean hasImage(String image);

    /** Reports each engine call to ecsd's telemetry; a runtime with no engine behind it has nothing to report. */
    default void observe(EngineMetrics metrics) {
    }

    /**
     * The digest of the manifest {@code image} was pulled at, from the engine's record of the registry it came from;
     * empty for an image the engine holds no registry digest of (built or loaded locally), or does not hold.
     */
    default Optional<String> imageDigest(String image) {
        return Optional.empty();
    }

    /** Pulls an image; a failure carries the engine's message. */
    default void pullImage(String image) {
        pullImage(image, null);
    }

    /** Pulls an image from a registry that wants a login ({@code auth} null: anonymously). */
    void pullImage(String image, RegistryAuth auth);

    /**
     * The image of the network-holding container of an {@code awsvpc} task, made available locally
     * (no registry is needed for it).
     */
    String pauseImage();

    /** Creates (does not start) a container; returns its runtime id. */
    String createContainer(ContainerSpec spec);

    void startContainer(String id);

    /** Starts a container and says how it is once started (its address, its published ports): one look, not two. */
    default Optional<ContainerObservation> startAndInspect(String id) {
        startContainer(id);
        return inspect(id);
    }

    /** Sends SIGTERM, then SIGKILL once {@code timeout} has passed; returns when the container has stopped. */
    void stopContainer(String id, Duration timeout);

    /** Removes a container, stopping it first if needed; a container that does not exist is not an error. */
    void removeContainer(String id);

    /** The container's current state, or empty when it does not exist. */
    Optional<ContainerObservation> inspect(String id);

    /** Every container (running or not) whose labels include all of {@code labels}. */
    List<ContainerObservation> listContainers(Map<String, String> labels);

    /** Creates a named volume if it does not exist. */
    void ensureVolume(VolumeSpec volume);

    /** Removes a named volume; one that does not exist is not an error. */
    void removeVolume(String name);

    /**
     * Follows a container's stdout and stderr from {@code since} (inclusive; null for the beginning) until the
     * container stops or the follower is closed. Lines reach {@code sink} in order, on the follower's thread.
     */
    LogFollower followLogs(String id, Instant since, Consumer<LogLine> sink);

    /** One sample of a running container's resource use, or empty when it is not running. */
    Optional<ContainerStats> stats(String id);

    /**
     * One sample of a container's resource use as the Docker Engine's stats JSON (what the task metadata endpoint's
     * {@code /stats} answers), or empty when it is not running. A runtime without an engine shapes it from
     * {@link #stats}.
     */
    default Optional<String> statsJson(String id) {
        return stats(id).map(StatsJson::of);
    }

    /** Hears container events (start, exit, health changes) as they happen. */
    void subscribe(Consumer<ContainerEvent> listener);

    @Override
    void close();

    /** A running log follow; closing it stops following. */
    interface LogFollower extends AutoCloseable {
        @Override
        void close();

        /** Whether following has ended (the container stopped, or close was called). */
        boolean isDone();
    }

    /** One line a container wrote. */
    /** A registry login for one pull; its {@code toString} hides the password. */
    record RegistryAuth(String username, String password) {
        @Override
        public String toString() {
            return "RegistryAuth[username=" + username + "]";
        }
    }

    record LogLine(Instant timestamp, String stream, String message) {
    }

    /** Something that happened to a container. */
    record ContainerEvent(String containerId, Type type) {
        public enum Type { START, EXIT, OOM, HEALTH, DESTROY }
    }

    /**
     * CPU and memory use of a running container. {@code cpuPercentOfOneCore} is the engine's own short-window figure
     * (100 = one core busy); {@code cpuTotalNanos} is the container's cumulative CPU time, -1 when the runtime does
     * not know it, so that a sampler can take the average between two samples of its own.
     */
    record ContainerStats(Instant readAt, double cpuPercentOfOneCore, long memoryBytes, long memoryLimitBytes,
            long cpuTotalNanos) {

        public ContainerStats(Instant readAt, double cpuPercentOfOneCore, long memoryBytes, long memoryLimitBytes) {
            this(readAt, cpuPercentOfOneCore, memoryBytes, memoryLimitBytes, -1);
        }
    }

    /** A named volume to create. */
    record VolumeSpec(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels) {
    }

    /** Default time to wait on one engine operation. */
    Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(60);
}
