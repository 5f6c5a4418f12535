package dev.ecsd.server;

import dev.ecsd.agent.LocalAgent;
import dev.ecsd.agent.endpoint.TaskEndpoint;
import dev.ecsd.agent.endpoint.TaskEndpointRoutes;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.console.Console;
import dev.ecsd.console.ConsoleRegion;
import dev.ecsd.console.ConsoleRegions;
import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.model.Regions;
import dev.ecsd.protocol.AwsDispatcher;
import dev.ecsd.protocol.HttpFrontend;
import dev.ecsd.protocol.RegionRouter;
import dev.ecsd.protocol.Reply;
import dev.ecsd.protocol.SigV4Verifier;
import dev.ecsd.registry.ImageStorage;
import dev.ecsd.registry.RegistryFront;
import dev.ecsd.registry.RegistryGate;
import dev.ecsd.registry.RegistryProcess;
import dev.ecsd.registry.RegistryStorage;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.telemetry.Telemetry;
import dev.ecsd.time.SystemTimer;
import dev.ecsd.time.Timer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ecsd server: the HTTP front end, the container runtime, the data key and the task endpoint, shared by one
 * {@link RegionStack} per region it serves. A request is served by the stack of the region its signature is scoped to;
 * a stack is made on the first request for its region, and at start for every region that has data.
 */
public final class EcsdServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EcsdServer.class);
    private static final Duration MIN_SAMPLING_INTERVAL = Duration.ofMillis(250);
    /** Where a region other than the default one keeps its files: {@code <data>/regions/<region>/}. */
    static final String REGIONS_DIRECTORY = "regions";

    private final ServerConfig config;
    private final Timer timer;
    private final ContainerRuntime runtime;
    private final ValueCipher cipher;
    private final String instanceId;
    private final TaskEndpoint taskEndpoint;
    /** The registry the server was given, or null for its own. */
    private final ImageStorage givenImages;
    private final Map<String, RegionStack> regions = new ConcurrentHashMap<>();
    private final Object creating = new Object();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile boolean closed;
    private RegionStack.Shared shared;
    /** The gate the registry front asks: the image side's of every region, or one a test gave. */
    private RegistryGate registryGate;
    private RegionStack defaultRegion;
    private HttpFrontend http;
    private AutoCloseable closeLast;
    /** ecsd's own metrics, served at {@code GET /metrics}: one registry for the server, regions by label. */
    private final Telemetry telemetry;
    /** The gate a test gives the registry front instead of the image side's; null for the image side's. */
    private RegistryGate givenGate;
    private RegistryProcess registry;
    private ImageStorage images;

    private EcsdServer(ServerConfig config, Timer timer, ContainerRuntime runtime, ValueCipher cipher,
            String instanceId, TaskEndpoint taskEndpoint, ImageStorage givenImages) {
        this.config = config;
        this.givenImages = givenImages;
        this.timer = timer;
        this.telemetry = new Telemetry(timer);
        this.runtime = runtime;
        this.cipher = cipher;
        this.instanceId = instanceId;
        this.taskEndpoint = taskEndpoint;
    }

    public static EcsdServer start(ServerConfig config) throws Exception {
        return start(config, null);
    }

    /** As {@link #start(ServerConfig)}, publishing ecsd's metrics into {@code metrics} when it is not null. */
    public static EcsdServer start(ServerConfig config, MetricStore metrics) throws Exception {
        return start(config, metrics, null);
    }

    /**
     * As {@link #start(ServerConfig)}, the registry front asking {@code gate} about Docker's requests instead of the
     * image side: for tests of the front with a gate of their own.
     */
    public static EcsdServer startWithRegistryGate(ServerConfig config, RegistryGate gate) throws Exception {
        return start(config, null, null, gate);
    }

    /** As {@link #start(ServerConfig, MetricStore)}, its images held by {@code images} when it is not null. */
    public static EcsdServer start(ServerConfig config, MetricStore metrics, ImageStorage images) throws Exception {
        return start(config, metrics, images, null);
    }

    private static EcsdServer start(ServerConfig config, MetricStore metrics, ImageStorage images, RegistryGate gate)
            throws Exception {
        SystemTimer timer = new SystemTimer();
        try {
            ContainerRuntime runtime = ServerConfig.RUNTIME_SIMULATED.equals(config.runtime())
                    ? new SimulatedRuntime(timer) : DockerRuntime.fromEnvironment();
            EcsdServer server = start(config, timer, runtime, false, metrics, images, gate);
            server.closeLast = timer;
            return server;
        } catch (Exception | Error e) {
            timer.close();
            throw e;
        }
    }

    /**
     * Starts a server whose agents run tasks on the given runtime, which the server closes when it closes. Every
     * wait of the server is on {@code timer}: tests pass virtual time. With {@code manualControllers} no controller
     * runs until {@link ControllerRuntime#runUntilIdle()} is called, so a test steps them with virtual time.
     */
    public static EcsdServer start(ServerConfig config, Timer timer, ContainerRuntime runtime, boolean manualControllers)
            throws Exception {
        return start(config, timer, runtime, manualControllers, null);
    }

    /**
     * As {@link #start(ServerConfig, Timer, ContainerRuntime, boolean)}, publishing the default region's metrics into
     * {@code metrics} (which the caller keeps and closes) instead of its own metric store when not null.
     */
    public static EcsdServer start(ServerConfig config, Timer timer, ContainerRuntime runtime, boolean manualControllers,
            MetricStore metrics) throws Exception {
        return start(config, timer, runtime, manualControllers, metrics, null);
    }

    /**
     * As {@link #start(ServerConfig, Timer, ContainerRuntime, boolean, MetricStore)}, the images of every region held
     * by {@code images} (which the caller keeps) instead of the server's own registry when it is not null: tests pass
     * one in memory.
     */
    public static EcsdServer start(ServerConfig config, Timer timer, ContainerRuntime runtime, boolean manualControllers,
            MetricStore metrics, ImageStorage images) throws Exception {
        return start(config, timer, runtime, manualControllers, metrics, images, null);
    }

    private static EcsdServer start(ServerConfig config, Timer timer, ContainerRuntime runtime,
            boolean manualControllers, MetricStore metrics, ImageStorage images, RegistryGate gate) throws Exception {
        EcsdServer server;
        StartupLines.starting(config);
        try {
            String instanceId = instanceId(config.dataDirectory());
            ValueCipher cipher = config.secretsKey() != null ? ValueCipher.fromBase64(config.secretsKey())
                    : ValueCipher.forDataDirectory(config.dataDirectory());
            EcsdServer[] self = new EcsdServer[1];
            TaskEndpoint endpoint = config.taskEndpointPort() < 0 ? null
                    : new TaskEndpoint(config.taskEndpointPort(), new TaskEndpointRoutes(new RegionsDirectory(
                            () -> self[0].regions.values().stream().map(stack -> stack.agent().directory()).toList(),
                            taskArn -> self[0].existing(taskArn).map(stack -> stack.agent().directory()))));
            server = new EcsdServer(config, timer, runtime, cipher, instanceId, endpoint, images);
            server.givenGate = gate;
            self[0] = server;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
        try {
            server.open(manualControllers, metrics);
            server.http.start();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        server.ready.set(true);
        StartupLines.serving(server.endpoint(), runtime instanceof SimulatedRuntime, server.regions().stream()
                .map(server.regions::get).filter(Objects::nonNull).map(RegionStack::agentStartup).toList());
        return server;
    }

    /** Starts the task endpoint, the default region and every region that has data, and makes the front end. */
    private void open(boolean manualControllers, MetricStore metrics) throws Exception {
        runtime.observe(telemetry.engine());
        int endpointPort = startTaskEndpoint();
        registry = RegistryProcess.inDataDirectory(config.dataDirectory(), timer);
        if (givenImages == null) {
            registry.start();
        }
        // the port is the one the API listens on: the configured one until the front end has bound it
        images = givenImages != null ? givenImages : new RegistryStorage(registry, this::registryAddress);
        // Temporary credentials (STS, task roles) are made from the data key: nothing stored, valid after a restart,
        // and in every region, as STS credentials are.
        SessionIssuer sessions = new SessionIssuer(cipher);
        // ECR tokens, like sessions, are made from the data key: they hold after a restart, in their own region only.
        EcrTokens ecrTokens = new EcrTokens(cipher);
        shared = new RegionStack.Shared(config, timer, runtime, cipher, sessions, this::isRunning, manualControllers,
                endpointPort, images, ecrTokens, telemetry);
        registryGate = givenGate != null ? givenGate : new RegistryGates(region -> Optional.ofNullable(
                regions.get(region)).map(RegionStack::imageGate), ecrTokens, config.accountId());
        defaultRegion = RegionStack.start(config.region(), config.dataDirectory(), instanceId, shared, metrics);
        regions.put(config.region(), defaultRegion);
        for (String region : regionsWithData()) {
            startRegion(region);
        }
        List<HttpFrontend.Route> routes = List.of(
                new HttpFrontend.Route("GET", "/_ecsd/health", request -> health()),
                // Unsigned, as Prometheus scrapes: counts, names and timings only, never a secret or a resource's data
                new HttpFrontend.Route("GET", "/metrics", request -> new Reply(200, Telemetry.CONTENT_TYPE, Map.of(),
                        telemetry.scrape().getBytes(StandardCharsets.UTF_8))),
                new HttpFrontend.Route("POST", "/_ecsd/reset", this::reset),
                new HttpFrontend.Route("POST", SpotInterruptionRoute.PATH,
                        request -> regionOf(request).spotInterruptions().handle(request)));
        Console console = new Console(new ServedRegions(), timer, config.accessKeyId(), config.secretAccessKey(),
                config.bindsLoopbackOnly());
        http = new HttpFrontend(config.bindAddress(), config.port(), config.maxRequestBytes(), routes,
                new RegionRouter(defaultRegion.dispatcher(), this::dispatcherFor),
                new Handler.Sequence(new RegistryFront(registry, registryGate, config.accountId()), console.handler()),
                telemetry.api());
    }

    /**
     * Starts the one task endpoint every region's agent sends its tasks' containers to; its port, or -1 when there is
     * none. A port in use is said once, loudly; the server runs on without it.
     */
    private int startTaskEndpoint() {
        if (taskEndpoint == null) {
            return -1;
        }
        try {
            taskEndpoint.start();
        } catch (Exception e) {
            LOG.warn("THE TASK ENDPOINT CANNOT LISTEN on {} ({}). Tasks get no task role credentials and no task "
                    + "metadata; choose another --task-endpoint-port, 0 for any free one.", TaskEndpoint.HOST,
                    e.getMessage());
            taskEndpoint.close();
            return -1;
        }
        LOG.info("task endpoint (role credentials, task metadata) on {}:{}", TaskEndpoint.HOST, taskEndpoint.port());
        return taskEndpoint.port();
    }

    /** The regions other than the default one whose files are in the data directory, to be served from the start. */
    private List<String> regionsWithData() throws IOException {
        Path directory = config.dataDirectory().resolve(REGIONS_DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> Files.exists(path.resolve("state.db")))
                    .map(path -> path.getFileName().toString())
                    .filter(region -> Regions.isAwsRegion(region) && !region.equals(config.region()))
                    .sorted().toList();
        }
    }

    /**
     * The stack of a region this server serves, made now if it is its first request: the default region and every
     * region of the aws partition. Empty for any other name.
     */
    /**
     * The dispatcher of a request's region. A region not started yet is started only for a request whose signature
     * holds, so unauthenticated requests make no data directory; any other gets an answer from a dispatcher of that
     * region that serves nothing but the verifier's error.
     */
    private Optional<AwsDispatcher> dispatcherFor(String region, SigV4Verifier.HttpRequestParts request) {
        RegionStack stack = regions.get(region);
        if (stack != null) {
            return Optional.of(stack.dispatcher());
        }
        if (!Regions.isAwsRegion(region)) {
            return Optional.empty();
        }
        AwsDispatcher errorsOnly = AwsDispatcher.serving(RegionStack.verifier(shared, region), List.of());
        if (errorsOnly.refuseUnsigned(request).isPresent()) {
            return Optional.of(errorsOnly);
        }
        return served(region).map(RegionStack::dispatcher);
    }

    private Optional<RegionStack> served(String region) {
        RegionStack stack = regions.get(region);
        if (stack != null) {
            return Optional.of(stack);
        }
        if (!Regions.isAwsRegion(region)) {
            return Optional.empty();
        }
        synchronized (creating) {
            stack = regions.get(region);
            if (stack == null) {
                if (closed) {
                    throw new IllegalStateException("the server is closing: region " + region + " is not started");
                }
                try {
                    stack = startRegion(region);
                } catch (Exception e) {
                    throw new IllegalStateException("region " + region + " could not start: " + e.getMessage(), e);
                }
            }
            return Optional.of(stack);
        }
    }

    private RegionStack startRegion(String region) throws Exception {
        long started = System.nanoTime();
        // Each region's agent has its own identity on the engine, so none adopts or removes another's containers.
        RegionStack stack = RegionStack.start(region, regionDirectory(region), instanceId + "-" + region, shared,
                null);
        regions.put(region, stack);
        LOG.info("region {} started in {} ms (data in {})", region, (System.nanoTime() - started) / 1_000_000,
                regionDirectory(region));
        return stack;
    }

    private Path regionDirectory(String region) {
        return config.dataDirectory().resolve(REGIONS_DIRECTORY).resolve(region);
    }

    /**
     * The stack of the region a request to one of ecsd's own routes is signed for. The route's signature has been
     * verified by then, by that region's verifier, so the region is one this server serves.
     */
    private RegionStack regionOf(SigV4Verifier.HttpRequestParts request) {
        return RegionRouter.scopeRegion(request).flatMap(this::served).orElse(defaultRegion);
    }

    /** The stack of the region of a resource's ARN, if that region has one already. */
    private Optional<RegionStack> existing(String arn) {
        return Regions.ofArn(arn).map(regions::get);
    }

    /** Whether a task's credentials still hold: the task exists, in its own region, and has not stopped. */
    private boolean isRunning(String taskArn) {
        return existing(taskArn)
                .flatMap(stack -> stack.store().snapshot().find(Kind.TASK, taskArn))
                .filter(task -> !task.isStopped()).isPresent();
    }

    public URI endpoint() {
        return URI.create("http://" + hostForUri(config.bindAddress()) + ":" + http.port());
    }

    public int port() {
        return http.port();
    }

    /** The {@code host:port} Docker reaches the registry at: the API's own. */
    private String registryAddress() {
        return RegistryStorage.addressOf(config.bindAddress(), http != null && http.port() > 0 ? http.port()
                : config.port());
    }

    /** What the registry's front asks the image side about Docker's requests, for every region served. */
    public RegistryGate registryGate() {
        return registryGate;
    }

    /** The default region's state store. */
    public StateStore store() {
        return defaultRegion.store();
    }

    /** The default region's CloudWatch Logs store: the sink its agent ships container output to. */
    public SqliteLogStore logs() {
        return defaultRegion.logs();
    }

    /** The stack of {@code region}, started now if it was not; for a region this server does not serve, an error. */
    public RegionStack region(String region) {
        return served(region).orElseThrow(() -> new IllegalArgumentException(region + " is not a region ecsd serves"));
    }

    /** The regions served now, the default one first. */
    public List<String> regions() {
        return Stream.concat(Stream.of(config.region()),
                regions.keySet().stream().filter(region -> !region.equals(config.region())).sorted()).toList();
    }

    private Reply health() {
        return ready.get() ? Reply.json(200, "{\"status\":\"ready\"}") : Reply.json(503, "{\"status\":\"starting\"}");
    }

    /** Wipes the region the request is signed for (ECS has no such call; one region keeps tests apart). */
    private Reply reset(SigV4Verifier.HttpRequestParts request) {
        if (!config.allowReset()) {
            return Reply.json(403, "{\"message\":\"Reset is disabled. Start the server with --allow-reset "
                    + "(or ECSD_ALLOW_RESET=true) to enable POST /_ecsd/reset.\"}");
        }
        RegionStack stack = regionOf(request);
        stack.reset();
        registry.wipeRegion(stack.region());
        LOG.info("state, logs, metrics and images of region {} wiped by POST /_ecsd/reset", stack.region());
        return Reply.json(200, "{\"status\":\"reset\",\"region\":\"" + stack.region() + "\"}");
    }

    /** The agent samples each running container four times a period (ECS's agent: every 20 s of its minute). */
    static Duration samplingInterval(MetricPeriod period) {
        Duration quarter = period.publishEvery().dividedBy(4);
        return quarter.compareTo(MIN_SAMPLING_INTERVAL) < 0 ? MIN_SAMPLING_INTERVAL : quarter;
    }

    /**
     * The default region's CloudWatch metric store: PutMetricData's data, ecsd's own metrics, what alarms are
     * evaluated on. It is {@code <data>/metrics.db} unless the server was started with a store of the caller's.
     */
    public MetricStore metrics() {
        return defaultRegion.metrics();
    }

    /** ecsd's minute: the metric publishing period, and the length of a 60-second alarm period. */
    public MetricPeriod metricPeriod() {
        return config.metricPeriod();
    }

    /** The cipher secret values are sealed with at rest (Secrets Manager, SSM SecureString), one per server. */
    public ValueCipher cipher() {
        return cipher;
    }

    /** The default region's agent. */
    public LocalAgent agent() {
        return defaultRegion.agent();
    }

    /** The default region's controllers: with {@code manualControllers}, a test runs its queues on virtual time. */
    public ControllerRuntime controllers() {
        return defaultRegion.controllers();
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    /** The image registry's storage: what the image side (ECR) writes and reads manifests through. */
    public ImageStorage images() {
        return images;
    }

    /** The image registry's child process. */
    public RegistryProcess registry() {
        return registry;
    }

    /** The task endpoint's port on 127.0.0.1, or -1 when it does not listen. */
    public int taskEndpointPort() {
        return shared == null ? -1 : shared.taskEndpointPort();
    }

    /** Stops serving. Running tasks' containers keep running, to be re-adopted by the next server. */
    @Override
    public void close() {
        ready.set(false);
        if (http != null) {
            http.close();
        }
        synchronized (creating) {
            closed = true;
        }
        regions.values().forEach(RegionStack::close);
        if (taskEndpoint != null) {
            taskEndpoint.close();
        }
        if (registry != null) {
            registry.close();
        }
        runtime.close();
        telemetry.close();
        if (closeLast != null) {
            try {
                closeLast.close();
            } catch (Exception e) {
                LOG.warn("could not close {}: {}", closeLast, e.getMessage());
            }
        }
    }

    /** This server's identity on a shared engine: it owns the containers labelled with it. */
    private static String instanceId(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("instance-id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = UUID.randomUUID().toString();
        Files.createDirectories(dataDirectory);
        Files.writeString(file, id + "\n");
        return id;
    }

    private static String hostForUri(String bind) {
        if ("0.0.0.0".equals(bind) || "::".equals(bind)) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** The regions this server has started, as the web console reads them. */
    private final class ServedRegions implements ConsoleRegions {
        @Override
        public List<ConsoleRegion> regions() {
            List<ConsoleRegion> served = new ArrayList<>();
            served.add(view(defaultRegion));
            regions.values().stream()
                    .filter(stack -> stack != defaultRegion)
                    .sorted(Comparator.comparing(RegionStack::region))
                    .forEach(stack -> served.add(view(stack)));
            return served;
        }

        @Override
        public Optional<ConsoleRegion> region(String name) {
            return Optional.ofNullable(regions.get(name)).map(this::view);
        }

        @Override
        public String defaultRegion() {
            return config.region();
        }

        private ConsoleRegion view(RegionStack stack) {
            return new ConsoleRegion(stack.region(), stack.store(), stack.serviceCommands(), stack.logs(),
                    stack.metrics(), stack.arns(), timer);
        }
    }
}
