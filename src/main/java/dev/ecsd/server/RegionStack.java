package dev.ecsd.server;

import dev.ecsd.agent.AgentStartup;
import dev.ecsd.agent.LocalAgent;
import dev.ecsd.agent.endpoint.TaskEndpointOptions;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.api.autoscaling.AutoScalingApi;
import dev.ecsd.api.cloudwatch.AlarmOperations;
import dev.ecsd.api.cloudwatch.CloudWatchApi;
import dev.ecsd.api.cloudwatch.MetricOperations;
import dev.ecsd.api.ecr.EcrApi;
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
import dev.ecsd.control.OperatorLog;
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
import dev.ecsd.control.images.EcrPulls;
import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.control.images.ImageExpiry;
import dev.ecsd.control.images.ImageGate;
import dev.ecsd.control.images.LifecyclePolicyController;
import dev.ecsd.control.metrics.EcsMetricsPublisher;
import dev.ecsd.control.metrics.TaskUsageBoard;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.logs.CountedLogSink;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.SqliteMetricStore;
import dev.ecsd.model.Arns;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.protocol.AwsDispatcher;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.protocol.SigV4Verifier;
import dev.ecsd.registry.ImageStorage;
import dev.ecsd.scheduler.FargateCapacity;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.SqliteBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.telemetry.Telemetry;
import dev.ecsd.time.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of one region, its own namespace: its state, logs and metric stores, its ARNs, the APIs and their
 * dispatcher (whose verifier accepts signatures scoped to this region only), its controllers and the in-process agent
 * that runs its FARGATE capacity. The server keeps one per region it serves, all sharing one container runtime, one
 * data key and one task endpoint.
 */
public final class RegionStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegionStack.class);

    private final String region;
    private final ServerConfig config;
    private final Timer timer;
    private final StateStore store;
    private final SqliteLogStore logs;
    private final ServiceCommands serviceCommands;
    private final SqliteMetricStore ownMetrics;
    private final MetricStore metricStore;
    private final ControllerRuntime controllers;
    private final Arns arns;
    private final TaskLaunch launch;
    private final TaskUsageBoard usage;
    private final AlarmController alarms;
    private final LocalAgent agent;
    private final AwsDispatcher dispatcher;
    private final SpotInterruptionRoute spotInterruptions;
    private final ImageGate imageGate;
    private final ImageExpiry imageExpiry;
    private LoadBalancing loadBalancing;
    private AgentStartup agentStartup;

    /**
     * What every region shares, and what the server hands each region's stack: among it the registry that holds every
     * region's images (under {@code <region>/<name>}) and the ECR tokens Docker logs in to it with.
     */
    record Shared(ServerConfig config, Timer timer, ContainerRuntime runtime, ValueCipher cipher,
            SessionIssuer sessions, Predicate<String> taskIsLive, boolean manualControllers, int taskEndpointPort,
            ImageStorage images, EcrTokens ecrTokens, Telemetry telemetry) {
    }

    private RegionStack(String region, Shared shared, StateStore store, SqliteLogStore logs,
            SqliteMetricStore ownMetrics, MetricStore metricStore, ControllerRuntime controllers, String instanceId) {
        this.region = region;
        this.config = shared.config();
        this.timer = shared.timer();
        this.store = store;
        this.logs = logs;
        this.ownMetrics = ownMetrics;
        this.metricStore = metricStore;
        this.controllers = controllers;
        this.arns = new Arns(region, config.accountId());
        SecureRandom random = new SecureRandom();
        this.launch = new TaskLaunch(arns, UUID::randomUUID, random);
        ServiceCommands commands = new ServiceCommands(store, random::nextLong, config.quotas());
        this.serviceCommands = commands;
        this.alarms = new AlarmController(store, metricStore, config.metricPeriod());
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
                SsmApi.service(store, region, config.accountId(), shared.cipher()),
                SecretsManagerApi.service(store, shared.cipher(), arns, random, () -> UUID.randomUUID().toString()),
                StsApi.service(shared.sessions(), config.accountId(), timer),
                EcrApi.service(store, region, config.accountId(), shared.images(), shared.ecrTokens(), timer));
        this.imageGate = new ImageGate(store, region, config.accountId(), shared.ecrTokens(), timer);
        this.imageExpiry = new ImageExpiry(store, shared.images(), region);
        // Usage is kept for a few periods: enough for the period being published and the one in progress.
        this.usage = new TaskUsageBoard(timer, config.metricPeriod().publishEvery().multipliedBy(3));
        // the host is set up to redirect containers to the endpoint only where there are containers
        TaskEndpointOptions endpoint = new TaskEndpointOptions(shared.taskEndpointPort(),
                shared.runtime() instanceof DockerRuntime);
        this.agent = new LocalAgent(FargateCapacity.AGENT_ID, instanceId,
                new StoreAgentChannel(store, usage, shared.cipher(), ecrPulls(shared, timer)), shared.runtime(),
                new CountedLogSink(logs, shared.telemetry().logs(region)),
                timer,
                EcsdServer.samplingInterval(config.metricPeriod()), endpoint);
        SigV4Verifier verifier = verifier(shared, region);
        this.dispatcher = AwsDispatcher.serving(verifier, apis);
        this.spotInterruptions = new SpotInterruptionRoute(new SpotInterruptions(store), arns);
    }

    /**
     * Opens the region's stores in {@code directory} and starts its agent and controllers. {@code metrics} is the
     * metric store to publish into instead of the region's own {@code metrics.db}, or null.
     */
    static RegionStack start(String region, Path directory, String instanceId, Shared shared, MetricStore metrics)
            throws Exception {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        RegionStack stack;
        try {
            Files.createDirectories(directory);
            StateStore store = StateStore.open(SqliteBackend.open(directory.resolve("state.db")), shared.timer());
            opened.push(store);
            store.observe(shared.telemetry().store(region));
            // before the agent starts: a task it finds lost with the host at start is told too
            store.subscribe(new OperatorLog(region));
            shared.telemetry().tasks(region, TaskStatusCounts.STATUSES, new TaskStatusCounts(store::snapshot));
            SqliteLogStore logs = SqliteLogStore.open(directory.resolve("logs.db"), shared.timer());
            opened.push(logs);
            SqliteMetricStore ownMetrics = SqliteMetricStore.open(directory.resolve("metrics.db"), shared.timer());
            opened.push(ownMetrics);
            ControllerRuntime controllers = shared.manualControllers() ? ControllerRuntime.manual(shared.timer())
                    : ControllerRuntime.threaded(shared.timer());
            opened.push(controllers);
            controllers.observe(shared.telemetry().controllers(region));
            stack = new RegionStack(region, shared, store, logs, ownMetrics, metrics != null ? metrics : ownMetrics,
                    controllers, instanceId);
        } catch (Exception | Error e) {
            while (!opened.isEmpty()) {
                try {
                    opened.pop().close();
                } catch (Exception closing) {
                    LOG.warn("could not close {} after a failed start of region {}: {}",
                            closing.getClass().getSimpleName(), region, closing.getMessage());
                }
            }
            throw e;
        }
        try {
            stack.agentStartup = stack.agent.start();
            stack.startControllers();
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * Every controller of the region runs on one runtime: the service scheduler, the stopped-task reaper, the log
     * retention sweep, the metric rollup sweep, the secret deletion sweep, the service history sweep, alarms,
     * autoscaling, the metric publisher and ECR's lifecycle policies.
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
        new LifecyclePolicyController(store, imageExpiry, controllers);
    }

    /** How Application Auto Scaling sets a service's desired count: through the commands UpdateService uses. */
    private static ServiceScaling autoScaling(Arns arns, StateStore store, EcsQuotas quotas) {
        return new ServiceScaling(arns, new ServiceCommands(store, new SecureRandom()::nextLong, quotas),
                () -> UUID.randomUUID().toString());
    }

    /** Removes this region's containers and wipes its state, logs and metrics; other regions are left as they are. */
    void reset() {
        agent.resetWith(() -> {
            store.wipe();
            logs.wipe();
            ownMetrics.wipe();
        });
    }

    public String region() {
        return region;
    }

    public StateStore store() {
        return store;
    }

    /** The region's CloudWatch Logs store: the sink its agent ships container output to. */
    public SqliteLogStore logs() {
        return logs;
    }

    /** The region's CloudWatch metric store (the caller's, for the default region of a server given one). */
    public MetricStore metrics() {
        return metricStore;
    }

    /** The region's service commands: the API's, autoscaling's and the console's one way to change a service. */
    public ServiceCommands serviceCommands() {
        return serviceCommands;
    }

    public LocalAgent agent() {
        return agent;
    }

    /** What the region's agent found when it started: the runtime and the running tasks it re-adopted. */
    AgentStartup agentStartup() {
        return agentStartup;
    }

    public ControllerRuntime controllers() {
        return controllers;
    }

    public Arns arns() {
        return arns;
    }

    AwsDispatcher dispatcher() {
        return dispatcher;
    }

    /** What the registry's front asks this region about Docker's requests for its repositories. */
    public ImageGate imageGate() {
        return imageGate;
    }

    SpotInterruptionRoute spotInterruptions() {
        return spotInterruptions;
    }

    /** Stops the region's controllers, load balancers and agent, and closes its stores; its tasks keep running. */
    @Override
    public void close() {
        controllers.close();
        if (loadBalancing != null) {
            loadBalancing.close();
        }
        agent.close();
        store.close();
        logs.close();
        ownMetrics.close();
    }

    /** The verifier of a region: the server's keys and every session ecsd issued, scoped to {@code region}. */
    static SigV4Verifier verifier(Shared shared, String region) {
        return new SigV4Verifier(Map.of(shared.config().accessKeyId(), shared.config().secretAccessKey()), region,
                shared.timer(), shared.sessions(), shared.taskIsLive());
    }

    /**
     * How this region's agent pulls the images of the server's ECR repositories (of any region): from the server's
     * registry, with a token made for it at the task's start.
     */
    private static EcrPulls ecrPulls(Shared shared, Timer timer) {
        String account = shared.config().accountId();
        return new EcrPulls(account, shared.images()::address, imageRegion -> shared.ecrTokens().issue(
                new EcrTokens.Claims(account, imageRegion, EcrPulls.AGENT_KEY, timer.instant().plus(EcrTokens.VALIDITY))));
    }
}
