package dev.ecsd.cli;

import dev.ecsd.logging.LogFormat;
import dev.ecsd.logging.LogLevels;
import dev.ecsd.logging.LogSettings;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.server.EcsdServer;
import dev.ecsd.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsd server}: runs the API, the store and local capacity in one process. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serves the ECS API (and the other AWS APIs ecsd speaks) on one endpoint.",
                "Every option can also be set with the environment variable named in brackets."})
public final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("ecsd.server");

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:ECSD_PORT:-4566}",
            description = "Port to listen on [ECSD_PORT] (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:ECSD_BIND:-127.0.0.1}",
            description = "Address to listen on [ECSD_BIND] (default: ${DEFAULT-VALUE}). A non-loopback address "
                    + "requires your own credentials.")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ECSD_DATA_DIR:-${sys:user.home}/.ecsd}",
            description = "Where state and logs are kept [ECSD_DATA_DIR] (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:ECSD_REGION:-us-east-1}",
            description = "The default region [ECSD_REGION] (default: ${DEFAULT-VALUE}): its data is directly in the "
                    + "data directory. Every region of the aws partition is served, chosen by each request's signature.")
    String region;

    @Option(names = "--account-id", paramLabel = "ID", defaultValue = "${env:ECSD_ACCOUNT_ID:-000000000000}",
            description = "The account id in ARNs [ECSD_ACCOUNT_ID] (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--access-key-id", paramLabel = "KEY",
            description = "Access key id clients sign with [ECSD_ACCESS_KEY_ID] (default: test, loopback only).")
    String accessKeyId;

    @Option(names = "--secret-access-key", paramLabel = "SECRET",
            description = "Secret access key clients sign with [ECSD_SECRET_ACCESS_KEY] (default: test, loopback only).")
    String secretAccessKey;

    @Option(names = "--allow-reset", defaultValue = "${env:ECSD_ALLOW_RESET:-false}",
            description = "Enable POST /_ecsd/reset, which wipes all state (for test suites) [ECSD_ALLOW_RESET].")
    boolean allowReset;

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "${env:ECSD_RUNTIME:-docker}",
            description = "Where tasks run [ECSD_RUNTIME]: docker (the local Docker Engine) or simulated "
                    + "(no containers; for logic and scale tests) (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--metric-period-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:ECSD_METRIC_PERIOD_SECONDS:-60}",
            description = "ecsd's minute, 1 to 60 [ECSD_METRIC_PERIOD_SECONDS] (default: ${DEFAULT-VALUE}): how often "
                    + "ecsd publishes its AWS/ECS, ECS/ContainerInsights and AWS/ApplicationELB metrics, and how long "
                    + "an alarm period of 60 s lasts (a period of N s lasts N/60 of it). Cooldowns and schedules are "
                    + "not scaled. Shorten it to try scaling in minutes.")
    int metricPeriodSeconds;

    @Option(names = "--secrets-key", paramLabel = "BASE64",
            description = "Key secret values are encrypted with at rest [ECSD_SECRETS_KEY]: base64 of 32 random bytes "
                    + "(e.g. `openssl rand -base64 32`). Default: the key in <data-dir>/secrets.key, created on first "
                    + "start, readable by its owner only.")
    String secretsKey;

    @Option(names = "--task-endpoint-port", paramLabel = "PORT",
            defaultValue = "${env:ECSD_TASK_ENDPOINT_PORT:-51679}",
            description = "Port on 127.0.0.1 of the task endpoint, which answers tasks' containers at 169.254.170.2 "
                    + "with their task role credentials and task metadata [ECSD_TASK_ENDPOINT_PORT] (default: "
                    + "${DEFAULT-VALUE}, the ECS agent's; 0 for any free port). With the docker runtime, ecsd "
                    + "redirects its containers' requests for 169.254.170.2:80 to it with iptables (needs root or "
                    + "CAP_NET_ADMIN).")
    int taskEndpointPort;

    @Option(names = "--spot-interruption-rate", paramLabel = "PER_HOUR",
            defaultValue = "${env:ECSD_SPOT_INTERRUPTION_RATE:-0}",
            description = "Interrupt running FARGATE_SPOT tasks at random, on average this many times per task and "
                    + "hour (chaos runs; 0, the default, for never) [ECSD_SPOT_INTERRUPTION_RATE].")
    double spotInterruptionRate;

    @Option(names = "--no-task-endpoint", defaultValue = "${env:ECSD_NO_TASK_ENDPOINT:-false}",
            description = "Run no task endpoint and change nothing on the host [ECSD_NO_TASK_ENDPOINT]: containers get "
                    + "neither task role credentials nor task metadata.")
    boolean noTaskEndpoint;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:ECSD_LOG_FORMAT:-text}",
            description = "How the server writes its log to standard error [ECSD_LOG_FORMAT]: text (a line per "
                    + "event, then key=value pairs) or json (an object per line) (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:ECSD_LOG_LEVEL:-info}",
            description = "The least severe events the log shows [ECSD_LOG_LEVEL]: error, warn, info, debug or trace "
                    + "(default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--quota", paramLabel = "NAME=VALUE",
            description = "An ECS service quota ecsd enforces, repeatable [ECSD_QUOTAS, comma-separated; a flag wins]: "
                    + "clusters (default 10000), services-per-cluster (5000), tasks-per-service (5000, the largest "
                    + "desired count), standalone-tasks-per-cluster (5000, unstopped RunTask tasks), "
                    + "revisions-per-family (1000000). See the README's quotas table.")
    List<String> quotas = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // before anything else: the first line the server logs is already in the format and level asked for
        LogFormat format;
        Level level;
        try {
            format = LogFormat.parse(logFormat);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("ecsd: --log-format " + e.getMessage() + ".");
            return 2;
        }
        try {
            level = LogLevels.parse(logLevel);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("ecsd: --log-level " + e.getMessage() + ".");
            return 2;
        }
        LogSettings.configure(format, level);
        if (!ServerConfig.RUNTIME_DOCKER.equals(runtime) && !ServerConfig.RUNTIME_SIMULATED.equals(runtime)) {
            spec.commandLine().getErr().println("ecsd: --runtime must be docker or simulated, not " + runtime + ".");
            return 2;
        }
        if (metricPeriodSeconds < 1 || metricPeriodSeconds > 60) {
            spec.commandLine().getErr().println("ecsd: --metric-period-seconds must be between 1 and 60, not "
                    + metricPeriodSeconds + ".");
            return 2;
        }
        if (taskEndpointPort < 0 || taskEndpointPort > 65535) {
            spec.commandLine().getErr().println("ecsd: --task-endpoint-port must be between 0 and 65535, not "
                    + taskEndpointPort + ".");
            return 2;
        }
        EcsQuotas enforced;
        try {
            enforced = quotas(System.getenv("ECSD_QUOTAS"), quotas);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("ecsd: --quota: " + e.getMessage() + ".");
            return 2;
        }
        if (!(spotInterruptionRate >= 0) || Double.isInfinite(spotInterruptionRate)) {
            spec.commandLine().getErr().println("ecsd: --spot-interruption-rate must be 0 or more, not "
                    + spotInterruptionRate + ".");
            return 2;
        }
        String key = firstOf(accessKeyId, System.getenv("ECSD_ACCESS_KEY_ID"));
        String secret = firstOf(secretAccessKey, System.getenv("ECSD_SECRET_ACCESS_KEY"));
        ServerConfig config = new ServerConfig(bind, port, dataDirectory, region, accountId,
                key == null ? ServerConfig.DEFAULT_ACCESS_KEY_ID : key,
                secret == null ? ServerConfig.DEFAULT_SECRET_ACCESS_KEY : secret,
                allowReset, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, runtime,
                MetricPeriod.ofSeconds(metricPeriodSeconds), firstOf(secretsKey, System.getenv("ECSD_SECRETS_KEY")),
                noTaskEndpoint ? ServerConfig.TASK_ENDPOINT_OFF : taskEndpointPort, enforced, spotInterruptionRate);
        PrintWriter err = spec.commandLine().getErr();
        if (!config.bindsLoopbackOnly() && (key == null || secret == null || config.exposesWellKnownCredentials())) {
            err.println("ecsd: --bind " + bind + " is not a loopback address, so the well-known default credentials "
                    + "(test/test) are refused, whether unset or given explicitly. Set --access-key-id and "
                    + "--secret-access-key (or ECSD_ACCESS_KEY_ID and ECSD_SECRET_ACCESS_KEY) to your own.");
            return 2;
        }
        EcsdServer server;
        try {
            server = EcsdServer.start(config);
        } catch (java.io.IOException e) {
            err.println("ecsd: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            // A --secrets-key that is not base64 of 32 bytes: the message says what is expected, never the key.
            err.println("ecsd: --secrets-key: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            // The data directory could not be opened (in use by another server, unreadable, ...): say so plainly.
            err.println("ecsd: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: running tasks keep running, and the next start on this data directory re-adopts them");
            server.close();
            LOG.info("stopped");
            stopped.countDown();
        }, "ecsd-shutdown"));
        stopped.await();
        return 0;
    }

    /** ECS's default quotas with {@code ECSD_QUOTAS} ({@code name=value,...}) applied, then the flags. */
    static EcsQuotas quotas(String environment, List<String> flags) {
        List<String> settings = new ArrayList<>();
        if (environment != null && !environment.isBlank()) {
            for (String setting : environment.split(",")) {
                if (!setting.isBlank()) {
                    settings.add(setting);
                }
            }
        }
        settings.addAll(flags);
        return EcsQuotas.ECS.with(settings);
    }

    private static String firstOf(String flag, String environment) {
        if (flag != null && !flag.isEmpty()) {
            return flag;
        }
        return environment == null || environment.isEmpty() ? null : environment;
    }
}
