package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import dev.ecsd.model.Lists;
import dev.ecsd.telemetry.EngineMetrics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The {@link ContainerRuntime} of a real Docker Engine, spoken to over its socket with docker-java. Every call
 * has a deadline and at most {@link Options#maxConcurrentOperations()} run at once (see {@link EngineGate});
 * long streams (events, followed logs) hold a permit only while they are being opened, and stops, which mostly
 * wait for a container to exit, are bounded apart.
 */
public final class DockerRuntime implements ContainerRuntime {
    /** The image of the pause container, made from {@link PauseProgram} without any registry. */
    public static final String PAUSE_IMAGE = "ecsd/pause:1";
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);

    private final Options options;
    private final DockerClient client;
    private final EngineGate gate;
    private final EngineGate stopGate;
    private final EngineGate statsGate;
    private final DockerEvents events;
    private final Object pauseImageLock = new Object();
    private volatile boolean pauseImageReady;

    /**
     * How to reach the engine and how patient to be with it.
     *
     * @param host                    {@code unix:///path} or {@code tcp://host:port}
     * @param operationTimeout        the deadline of one ordinary engine call
     * @param pullTimeout             the deadline of one image pull
     * @param maxConcurrentOperations engine calls allowed in flight at once
     */
    public record Options(URI host, Duration operationTimeout, Duration pullTimeout, int maxConcurrentOperations) {
        public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

        /** DOCKER_HOST, or the default socket, with the default timeouts and a bound of 4. */
        public static Options fromEnvironment() {
            String dockerHost = System.getenv("DOCKER_HOST");
            URI host = dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : URI.create(dockerHost);
            return new Options(host, DEFAULT_OPERATION_TIMEOUT, Duration.ofMinutes(5), 4);
        }

        public Options withHost(URI host) {
            return new Options(host, operationTimeout, pullTimeout, maxConcurrentOperations);
        }

        public Options withOperationTimeout(Duration timeout) {
            return new Options(host, timeout, pullTimeout, maxConcurrentOperations);
        }

        public Options withMaxConcurrentOperations(int max) {
            return new Options(host, operationTimeout, pullTimeout, max);
        }
    }

    public DockerRuntime(Options options) {
        this.options = options;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(options.host().toString())
                .withDockerTlsVerify(false)
                .build();
        this.client = DockerClientImpl.getInstance(config, new EngineHttpClient(options.host()));
        this.gate = new EngineGate(options.host().toString(), options.maxConcurrentOperations());
        // A stop mostly waits for the container to exit (up to its stop timeout): stops get a bound of their own,
        // so a few containers slow to stop cannot starve creates and inspects of permits.
        this.stopGate = new EngineGate(options.host().toString(), options.maxConcurrentOperations());
        // A stats read mostly waits for the engine's collector, which samples every container once a second (a
        // non-stream read takes 1-2 s: it waits for two samples); reads at once share one tick. Bounded apart, so a
        // sampling round cannot hold the permits that creates and stops need.
        this.statsGate = new EngineGate(options.host().toString(), options.maxConcurrentOperations());
        this.events = new DockerEvents(client, gate, options.operationTimeout());
    }

    /** A runtime for the engine at DOCKER_HOST or the default socket. Contacts nothing until first used. */
    public static DockerRuntime fromEnvironment() {
        return new DockerRuntime(Options.fromEnvironment());
    }

    public Options options() {
        return options;
    }

    @Override
    public String ping() {
        Version version = call("ping", () -> client.versionCmd().exec());
        return "Docker Engine " + version.getVersion() + " (API " + version.getApiVersion() + ", "
                + version.getOperatingSystem() + "/" + version.getArch() + ") at " + options.host();
    }

    @Override
    public boolean hasImage(String image) {
        return call("inspect image " + image, () -> {
            try {
                client.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public Optional<String> imageDigest(String image) {
        String repository = ImageReference.parse(image).repository();
        return call("inspect image " + image, () -> {
            try {
                return Lists.orEmpty(client.inspectImageCmd(image).exec().getRepoDigests()).stream()
                        .filter(digest -> digest.startsWith(repository + "@"))
                        .map(digest -> digest.substring(repository.length() + 1)).findFirst();
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void pullImage(String image, RegistryAuth auth) {
        ImageReference reference = ImageReference.parse(image);
        AtomicReference<String> error = new AtomicReference<>();
        EngineStream<PullResponseItem> progress = new EngineStream<>() {
            @Override
            protected void accept(PullResponseItem item) {
                if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                    error.compareAndSet(null, item.getErrorDetail().getMessage());
                } else if (item.getError() != null) {
                    error.compareAndSet(null, item.getError());
                }
            }
        };
        try {
            gate.run("pull " + image, options.pullTimeout(), () -> {
                PullImageCmd pull = client.pullImageCmd(reference.repository()).withTag(reference.tag());
                if (auth != null) {
                    pull.withAuthConfig(new AuthConfig().withUsername(auth.username()).withPassword(auth.password())
                            .withRegistryAddress(reference.registry()));
                }
                pull.exec(progress);
                progress.awaitEnd();
            });
        } catch (RuntimeFailure failure) {
            progress.close();
            if (failure.kind() == RuntimeFailure.Kind.UNAVAILABLE) {
                throw failure;
            }
            throw new RuntimeFailure(RuntimeFailure.Kind.PULL, pullMessage(image, failure), failure,
                    failure.engineMessage());
        }
        if (error.get() != null) {
            throw new RuntimeFailure(RuntimeFailure.Kind.PULL, error.get(), null, error.get());
        }
    }

    private static String pullMessage(String image, RuntimeFailure failure) {
        if (failure.kind() == RuntimeFailure.Kind.TIMEOUT) {
            return "pulling " + image + " did not finish in time: " + failure.getMessage();
        }
        return failure.getCause() != null ? EngineErrors.engineMessage(failure.getCause()) : failure.getMessage();
    }

    @Override
    public String pauseImage() {
        if (pauseImageReady) {
            return PAUSE_IMAGE;
        }
        synchronized (pauseImageLock) {
            if (!pauseImageReady) {
                ImageArchive.Built image = new ImageArchive(PAUSE_IMAGE)
                        .file("pause", PauseProgram.executable(PauseProgram.Architecture.ofJvm()), 0755)
                        .entrypoint(List.of("/pause"))
                        .build();
                loadImage(image);
                pauseImageReady = true;
            }
        }
        return PAUSE_IMAGE;
    }

    /**
     * Makes the engine hold {@code image} under its tag, loading the archive unless an image with the same
     * id already carries that tag. Safe to call from several processes at once.
     */
    public void loadImage(ImageArchive.Built image) {
        if (image.imageId().equals(imageId(image.repositoryTag()))) {
            return;
        }
        gate.run("load image " + image.repositoryTag(), options.operationTimeout(),
                () -> client.loadImageCmd(new ByteArrayInputStream(image.archive())).exec());
        String loaded = imageId(image.repositoryTag());
        if (!image.imageId().equals(loaded)) {
            throw new RuntimeFailure(RuntimeFailure.Kind.REFUSED, "loading " + image.repositoryTag()
                    + " gave image " + loaded + " instead of " + image.imageId());
        }
    }

    private String imageId(String image) {
        return call("inspect image " + image, () -> {
            try {
                return client.inspectImageCmd(image).exec().getId();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return call("create container " + (spec.name() == null ? "from " + spec.image() : spec.name()),
                () -> DockerSpecs.apply(spec, client.createContainerCmd(spec.image())).exec().getId());
    }

    @Override
    public void startContainer(String id) {
        gate.run("start container " + id, options.operationTimeout(), () -> {
            try {
                client.startContainerCmd(id).exec();
            } catch (NotModifiedException alreadyStarted) {
                // started already: what was asked is true
            }
        });
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        stopGate.run("stop container " + id, timeout.plus(options.operationTimeout()), () -> {
            try {
                client.stopContainerCmd(id).withTimeout(DockerSpecs.wholeSeconds(timeout)).exec();
            } catch (NotModifiedException alreadyStopped) {
                // stopped already
            }
        });
    }

    @Override
    public void removeContainer(String id) {
        gate.run("remove container " + id, options.operationTimeout(), () -> {
            try {
                client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // already gone: what was asked is true
            } catch (ConflictException e) {
                if (!EngineErrors.engineMessage(e).contains("already in progress")) {
                    throw e;
                }
            }
        });
    }

    @Override
    public Optional<ContainerObservation> inspect(String id) {
        return call("inspect container " + id, () -> {
            try {
                return Optional.of(DockerObservations.from(client.inspectContainerCmd(id).exec()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<ContainerObservation> listContainers(Map<String, String> labels) {
        List<String> ids = call("list containers labelled " + labels, () -> {
            ListContainersCmd list = client.listContainersCmd().withShowAll(true);
            if (!labels.isEmpty()) {
                list.withLabelFilter(labels);
            }
            return list.exec().stream().map(com.github.dockerjava.api.model.Container::getId).toList();
        });
        List<ContainerObservation> observations = new ArrayList<>(ids.size());
        for (String id : ids) {
            inspect(id).ifPresent(observations::add); // one removed meanwhile is simply not listed
        }
        return observations;
    }

    @Override
    public void ensureVolume(VolumeSpec volume) {
        // creating a volume that exists with the same driver returns it unchanged
        gate.run("create volume " + volume.name(), options.operationTimeout(), () -> {
            var create = client.createVolumeCmd().withName(volume.name());
            if (volume.driver() != null) {
                create.withDriver(volume.driver());
            }
            if (volume.driverOptions() != null && !volume.driverOptions().isEmpty()) {
                create.withDriverOpts(volume.driverOptions());
            }
            if (volume.labels() != null && !volume.labels().isEmpty()) {
                create.withLabels(volume.labels());
            }
            create.exec();
        });
    }

    @Override
    public void removeVolume(String name) {
        gate.run("remove volume " + name, options.operationTimeout(), () -> {
            try {
                client.removeVolumeCmd(name).exec();
            } catch (NotFoundException gone) {
                // already gone
            }
        });
    }

    /** Whether a named volume exists. */
    public boolean hasVolume(String name) {
        return call("inspect volume " + name, () -> {
            try {
                client.inspectVolumeCmd(name).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public LogFollower followLogs(String id, Instant since, Consumer<LogLine> sink) {
        DockerLogFollower follower = new DockerLogFollower(since, sink);
        try {
            gate.run("follow the logs of " + id, options.operationTimeout(), () -> {
                client.logContainerCmd(id)
                        .withStdOut(true)
                        .withStdErr(true)
                        .withTimestamps(true)
                        .withFollowStream(true)
                        .withSince(DockerLogFollower.sinceSeconds(since))
                        .exec(follower);
                follower.awaitOpen();
            });
        } catch (RuntimeFailure failure) {
            follower.close();
            throw failure;
        }
        return follower;
    }

    @Override
    public Optional<ContainerStats> stats(String id) {
        return DockerStats.from(sample(id));
    }

    /** The engine's own sample, as the task metadata endpoint's {@code /stats} passes it on. */
    @Override
    public Optional<String> statsJson(String id) {
        return Optional.ofNullable(sample(id)).filter(s -> s.getRead() != null).map(DockerStats::json);
    }

    /** One sample of a container's stats; null when it does not exist. */
    private Statistics sample(String id) {
        AtomicReference<Statistics> sample = new AtomicReference<>();
        EngineStream<Statistics> stream = new EngineStream<>() {
            @Override
            protected void accept(Statistics statistics) {
                sample.compareAndSet(null, statistics);
            }
        };
        try {
            // a sample that is late is worth nothing: give up long before an ordinary call would
            Duration timeout = options.operationTimeout().compareTo(STATS_TIMEOUT) < 0 ? options.operationTimeout()
                    : STATS_TIMEOUT;
            statsGate.run("read the stats of " + id, timeout, () -> {
                client.statsCmd(id).withNoStream(true).exec(stream);
                stream.awaitEnd();
            });
        } catch (RuntimeFailure failure) {
            stream.close();
            if (failure.kind() == RuntimeFailure.Kind.NOT_FOUND) {
                return null;
            }
            throw failure;
        }
        return sample.get();
    }

    @Override
    public void subscribe(Consumer<ContainerEvent> listener) {
        events.subscribe(listener);
    }

    /** Engine calls in flight right now. */
    public int operationsInFlight() {
        return gate.inFlight();
    }

    /** The most engine calls seen in flight at once since the last {@link #resetPeakOperations()}. */
    public int peakOperationsInFlight() {
        return gate.peakInFlight();
    }

    public void resetPeakOperations() {
        gate.resetPeak();
    }

    /** docker-java's client, for tests that check what the engine was told. */
    DockerClient client() {
        return client;
    }

    @Override
    public void close() {
        events.close();
        try {
            client.close();
        } catch (Exception ignored) {
            // the transport holds no pooled connection
        }
    }

    @Override
    public void observe(EngineMetrics metrics) {
        gate.observe(metrics);
        stopGate.observe(metrics);
        statsGate.observe(metrics);
    }

    private <T> T call(String operation, java.util.concurrent.Callable<T> call) {
        return gate.call(operation, options.operationTimeout(), call);
    }
}
