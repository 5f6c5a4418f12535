package dev.ecsd.server;

import dev.ecsd.agent.LocalAgent;
import dev.ecsd.agent.endpoint.TaskEndpointOptions;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.api.autoscaling.AutoScalingApi;
import dev.ecsd.api.cloudwatch.AlarmOperations;
import dev.ecsd.api.cloudwatch.CloudWatchApi;
import dev.ecsd.api.cloudwatch.MetricOperations;
import dev.ecsd.api.ecs.EcsApi;
import dev.ecsd.api.elbv2.BindableListenerPorts;
import dev.ecsd.api.elbv2.ElbApi;
import dev.ecsd.api.logs.LogsApi;
import dev.ecsd.api.secretsmanager.SecretsManagerApi;
import dev.ecsd.api.ssm.SsmApi;
import dev.ecsd.api.sts.StsApi;
import dev.ecsd.control.InactiveClusterReaper;
import dev.ecsd.control.LogRetentionSweep;
import dev.ecsd.control.MetricRollupSweep;
import dev.ecsd.control.SecretDeletionSweep;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.ServiceController;
import dev.ecsd.control.ServiceHistorySweep;
import dev.ecsd.control.SpotInterruptionChaos;
import dev.ecsd.control.SpotInterruptions;
import dev.ecsd.control.StoppedTaskReaper;
import dev.ecsd.control.StoreAgentChannel;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.control.alarm.AlarmController;
import dev.ecsd.control.autoscaling.AutoScalingController;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.control.metrics.EcsMetricsPublisher;
import dev.ecsd.control.metrics.TaskUsageBoard;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.SqliteMetricStore;
import dev.ecsd.model.Arns;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.protocol.AwsDispatcher;
import dev.ecsd.protocol.HttpFrontend;
import dev.ecsd.protocol.Reply;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.protocol.SigV4Verifier;
import dev.ecsd.scheduler.FargateCapacity;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.SqliteBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.time.SystemTimer;
import dev.ecsd.time.Timer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ecsd server: the store, the API providers and the HTTP front end, wired together. */
public final class EcsdServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EcsdServer.class);
    private static final Duration MIN_SAMPLING_INTERVAL = Duration.ofMillis(250);

    private final ServerConfig config;
    private final StateStore store;
    private final SqliteLogStore logs;
    private final SqliteMetricStore ownMetrics;
    private final HttpFrontend http;
    private final ContainerRuntime runtime;
    private final LocalAgent agent;
    private final ControllerRuntime controllers;
    private final Arns arns;
    private final TaskLaunch launch;
    private final AtomicBoolean ready = new AtomicBoolean();
    private AutoCloseable closeLast;
    private final Timer timer;
    private LoadBalancing loadBalancing;
    private final MetricStore metricStore;
    private final TaskUsageBoard usage;
    private final AlarmController alarms;
    private final ValueCipher cipher;

    private EcsdServer(ServerConfig config, StateStore store, SqliteLogStore logs, SqliteMetricStore ownMetrics,
            HttpFrontend http,
            ContainerRuntime runtime, LocalAgent agent, ControllerRuntime controllers, Arns arns, TaskLaunch launch,
            Timer timer, MetricStore metricStore, TaskUsageBoard usage, AlarmController alarms, ValueCipher cipher) {
        this.timer = timer;
        this.cipher = cipher;
        this.metricStore = metricStore;
        this.usage = usage;
        this.alarms = alarms;
        this.config = config;
        this.store = store;
        this.logs = logs;
        this.ownMetrics = ownMetrics;
        this.http = http;
        this.runtime = runtime;
        this.agent = agent;
        this.controllers = controllers;
        this.arns = arns;
        this.launch = launch;
    }

    public static EcsdServer start(ServerConfig config) throws Exception {
        return start(config, null);
    }

    /** As {@link #start(ServerConfig)}, publishing ecsd's metrics into {@code metrics} when it is not null. */
    public static EcsdServer start(ServerConfig config, MetricStore metrics) throws Exception {
        SystemTimer timer = new SystemTimer();
        try {
            ContainerRuntime runtime = ServerConfig.RUNTIME_SIMULATED.equals(config.runtime())
                    ? new SimulatedRuntime(timer) : DockerRuntime.fromEnvironment();
            EcsdServer server = start(config, timer, runtime, false, metrics);
            server.closeLast = timer;
            return server;
        } catch (Exception | Error e) {
            timer.close();
            throw e;
        }
    }

    /**
     * Starts a server whose agent runs tasks on the given runtime, which the server closes when it closes. Every
     * wait of the server is on {@code timer}: tests pass virtual time. With {@code manualControllers} no controller
     * runs until {@link ControllerRuntime#runUntilIdle()} is called, so a test steps them with virtual time.
     */
    public static EcsdServer start(ServerConfig config, Timer timer, ContainerRuntime runtime, boolean manualControllers)
            throws Exception {
        return start(config, timer, runtime, manualControllers, null);
    }

    /**
     * As {@link #start(ServerConfig, Timer, ContainerRuntime, boolean)}, publishing ecsd's metrics into
     * {@code metrics} (which the caller keeps and closes) instead of the server's own metric store when not null.
     */
    public static EcsdServer start(ServerConfig config, Timer timer, ContainerRuntime runtime, boolean manualControllers,
            MetricStore metrics) throws Exception {
        // Whatever was opened before a failure is closed again: above all the lock on state.db.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(runtime);
        EcsdServer server;
        try {
            String instanceId = instanceId(config.dataDirectory());
            ValueCipher cipher = config.secretsKey() != null ? ValueCipher.fromBase64(config.secretsKey())
                    : ValueCipher.forDataDirectory(config.dataDirectory());
            StateStore store = StateStore.open(SqliteBackend.open(config.dataDirectory().resolve("state.db")), timer);
            opened.push(store);
            SqliteLogStore logs = SqliteLogStore.open(config.dataDirectory().resolve("logs.db"), timer);
            opened.push(logs);
            SqliteMetricStore ownMetrics = SqliteMetricStore.open(config.dataDirectory().resolve("metrics.db"), timer);
            opened.push(ownMetrics);
            ControllerRuntime controllers = manualControllers ? ControllerRuntime.manual(timer)
                    : ControllerRuntime.threaded(timer);
            opened.push(controllers);
            Arns arns = new Arns(config.region(), config.accountId());
            SecureRandom random = new SecureRandom();
            TaskLaunch launch = new TaskLaunch(arns, UUID::randomUUID, random);
            ServiceCommands commands = new ServiceCommands(store, random::nextLong, config.quotas());
            MetricStore metricStore = metrics != null ? metrics : ownMetrics;
            // Temporary credentials (STS, task roles) are made from the data key: nothing stored, valid after a restart.
            SessionIssuer sessions = new SessionIssuer(cipher);
            AlarmController alarms = new AlarmController(store, metricStore, config.metricPeriod());
            AlarmOperations alarmOperations = new AlarmOperations(store, arns, alarms::poke);
            List<ServiceProtocols> apis = List.of(
                    ServiceProtocols.of(EcsApi.service(store, arns, launch, commands, config.quotas())),
                    ServiceProtocols.of(LogsApi.service(logs, arns)),
                    ServiceProtocols.of(ElbApi.service(store, arns, random,
                            new BindableListenerPorts(store, config.bindAddress()))),
                    CloudWatchApi.service(List.of(new MetricOperations(metricStore, timer)::register,
                            alarmOperations::register)),
                    AutoScalingApi.service(store, arns, autoScaling(arns, store, config.quotas()),
                            () -> UUID.randomUUID().toString()),
                    SsmApi.service(store, config.region(), config.accountId(), cipher),
                    SecretsManagerApi.service(store, cipher, arns, random, () -> UUID.randomUUID().toString()),
                    StsApi.service(sessions, config.accountId(), timer));
            // Usage is kept for a few periods: enough for the period being published and the one in progress.
            TaskUsageBoard usage = new TaskUsageBoard(timer, config.metricPeriod().publishEvery().multipliedBy(3));
            // the host is set up to redirect containers to the endpoint only where there are containers
            TaskEndpointOptions endpoint = new TaskEndpointOptions(config.taskEndpointPort(),
                    runtime instanceof DockerRuntime);
            LocalAgent agent = new LocalAgent(FargateCapacity.AGENT_ID, instanceId,
                    new StoreAgentChannel(store, usage, cipher), runtime, logs, timer,
                    samplingInterval(config.metricPeriod()), endpoint);
            SigV4Verifier verifier = new SigV4Verifier(Map.of(config.accessKeyId(), config.secretAccessKey()),
                    config.region(), timer, sessions, taskArn -> isRunning(store, taskArn));
            AwsDispatcher dispatcher = AwsDispatcher.serving(verifier, apis);
            EcsdServer[] self = new EcsdServer[1];
            List<HttpFrontend.Route> routes = List.of(
                    new HttpFrontend.Route("GET", "/_ecsd/health", request -> self[0].health()),
                    new HttpFrontend.Route("POST", "/_ecsd/reset", request -> self[0].reset()),
                    new HttpFrontend.Route("POST", SpotInterruptionRoute.PATH,
                            new SpotInterruptionRoute(new SpotInterruptions(store), arns)::handle));
            HttpFrontend http = new HttpFrontend(config.bindAddress(), config.port(), config.maxRequestBytes(), routes,
                    dispatcher);
            server = new EcsdServer(config, store, logs, ownMetrics, http, runtime, agent, controllers, arns, launch,
                    timer, metricStore, usage, alarms, cipher);
            self[0] = server;
        } catch (Exception | Error e) {
            closeQuietly(opened);
            throw e;
        }
        try {
            server.agent.start();
            server.startControllers();
            server.http.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        server.ready.set(true);
        LOG.info("ecsd serving on {} (region {}, account {}, data in {})", server.endpoint(), config.region(),
                config.accountId(), config.dataDirectory());
        return server;
    }

    /** Whether a task's credentials still hold: the task exists and has not stopped. */
    private static boolean isRunning(StateStore store, String taskArn) {
        return store.snapshot().find(Kind.TASK, taskArn).filter(task -> !task.isStopped()).isPresent();
    }

    private static void closeQuietly(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                LOG.warn("could not close {} after a failed start: {}", e.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://" + hostForUri(config.bindAddress()) + ":" + http.port());
    }

    public int port() {
        return http.port();
    }

    public StateStore store() {
        return store;
    }

    /** The CloudWatch Logs store: the sink the agent ships container output to. */
    public SqliteLogStore logs() {
        return logs;
    }


    private Reply health() {
        return ready.get() ? Reply.json(200, "{\"status\":\"ready\"}") : Reply.json(503, "{\"status\":\"starting\"}");
    }

    private Reply reset() {
        if (!config.allowReset()) {
            return Reply.json(403, "{\"message\":\"Reset is disabled. Start the server with --allow-reset "
                    + "(or ECSD_ALLOW_RESET=true) to enable POST /_ecsd/reset.\"}");
        }
        agent.resetWith(() -> {
            store.wipe();
            logs.wipe();
            ownMetrics.wipe();
        });
        LOG.info("state, logs and metrics wiped by POST /_ecsd/reset");
        return Reply.json(200, "{\"status\":\"reset\"}");
    }

    /**
     * Every controller runs on one runtime: the service scheduler, the stopped-task reaper, the log retention sweep,
     * the metric rollup sweep, the secret deletion sweep, the service history sweep, alarms, autoscaling and the
     * metric publisher.
     */
    private void startControllers() {
        new ServiceController(store, arns, launch, controllers, () -> UUID.randomUUID().toString());
        new StoppedTaskReaper(store, StoppedTaskReaper.DEFAULT_RETENTION, controllers);
        new InactiveClusterReaper(store, InactiveClusterReaper.DEFAULT_RETENTION, controllers);
        if (config.spotInterruptionRate() > 0) {
            new SpotInterruptionChaos(store, config.spotInterruptionRate(), new SecureRandom(), controllers);
        }
        loadBalancing = LoadBalancing.start(store, controllers, config.bindAddress(), timer);
        LogRetentionSweep.register(controllers, logs);
        MetricRollupSweep.register(controllers, ownMetrics);
        SecretDeletionSweep.register(controllers, store);
        ServiceHistorySweep.register(controllers, store);
        alarms.register(controllers);
        new AutoScalingController(store, autoScaling(arns, store, config.quotas()), controllers);
        new EcsMetricsPublisher(store, usage, metricStore, config.metricPeriod(), loadBalancing.requestCounts(), timer,
                controllers);
    }

    /** How Application Auto Scaling sets a service's desired count: through the commands UpdateService uses. */
    private static ServiceScaling autoScaling(Arns arns, StateStore store, EcsQuotas quotas) {
        return new ServiceScaling(arns, new ServiceCommands(store, new SecureRandom()::nextLong, quotas),
                () -> UUID.randomUUID().toString());
    }

    /** The agent samples each running container four times a period (ECS's agent: every 20 s of its minute). */
    static Duration samplingInterval(MetricPeriod period) {
        Duration quarter = period.publishEvery().dividedBy(4);
        return quarter.compareTo(MIN_SAMPLING_INTERVAL) < 0 ? MIN_SAMPLING_INTERVAL : quarter;
    }

    /**
     * The CloudWatch metric store: PutMetricData's data, ecsd's own metrics, what alarms are evaluated on. It is
     * {@code <data>/metrics.db} unless the server was started with a store of the caller's.
     */
    public MetricStore metrics() {
        return metricStore;
    }

    /** ecsd's minute: the metric publishing period, and the length of a 60-second alarm period. */
    public MetricPeriod metricPeriod() {
        return config.metricPeriod();
    }

    /** The cipher secret values are sealed with at rest (Secrets Manager, SSM SecureString), one per server. */
    public ValueCipher cipher() {
        return cipher;
    }

    public LocalAgent agent() {
        return agent;
    }

    /** The controllers' runtime: with {@code manualControllers}, a test runs its queues on virtual time. */
    public ControllerRuntime controllers() {
        return controllers;
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    /** Stops serving. Running tasks' containers keep running, to be re-adopted by the next server. */
    @Override
    public void close() {
        ready.set(false);
        http.close();
        controllers.close();
        if (loadBalancing != null) {
            loadBalancing.close();
        }
        agent.close();
        runtime.close();
        store.close();
        logs.close();
        ownMetrics.close();
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
}
