package dev.ecsd.server;

import dev.ecsd.api.ecs.EcsApi;
import dev.ecsd.api.logs.LogsApi;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.model.Arns;
import dev.ecsd.protocol.AwsDispatcher;
import dev.ecsd.protocol.HttpFrontend;
import dev.ecsd.protocol.JsonService;
import dev.ecsd.protocol.Reply;
import dev.ecsd.protocol.SigV4Verifier;
import dev.ecsd.state.SqliteBackend;
import dev.ecsd.state.StateStore;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ecsd server: the store, the API providers and the HTTP front end, wired together. */
public final class EcsdServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EcsdServer.class);

    private static final Duration LOG_RETENTION_SWEEP_INTERVAL = Duration.ofMinutes(10);

    private final ServerConfig config;
    private final StateStore store;
    private final SqliteLogStore logs;
    private final HttpFrontend http;
    private final AtomicBoolean ready = new AtomicBoolean();

    private EcsdServer(ServerConfig config, StateStore store, SqliteLogStore logs, HttpFrontend http) {
        this.config = config;
        this.store = store;
        this.logs = logs;
        this.http = http;
    }

    public static EcsdServer start(ServerConfig config) throws Exception {
        return start(config, InstantSource.system());
    }

    public static EcsdServer start(ServerConfig config, InstantSource clock) throws Exception {
        StateStore store = StateStore.open(SqliteBackend.open(config.dataDirectory().resolve("state.db")), clock);
        SqliteLogStore logs = SqliteLogStore.open(config.dataDirectory().resolve("logs.db"), clock);
        logs.startRetentionSweeps(LOG_RETENTION_SWEEP_INTERVAL);
        Arns arns = new Arns(config.region(), config.accountId());
        List<JsonService> services = List.of(EcsApi.service(store, arns, new TaskLaunch(arns, UUID::randomUUID),
                new java.security.SecureRandom()::nextLong), LogsApi.service(logs, arns));
        SigV4Verifier verifier = new SigV4Verifier(Map.of(config.accessKeyId(), config.secretAccessKey()),
                config.region(), clock);
        AwsDispatcher dispatcher = new AwsDispatcher(verifier, services);
        EcsdServer[] self = new EcsdServer[1];
        List<HttpFrontend.Route> routes = List.of(
                new HttpFrontend.Route("GET", "/_ecsd/health", request -> self[0].health()),
                new HttpFrontend.Route("POST", "/_ecsd/reset", request -> self[0].reset()));
        HttpFrontend http = new HttpFrontend(config.bindAddress(), config.port(), config.maxRequestBytes(), routes,
                dispatcher);
        EcsdServer server = new EcsdServer(config, store, logs, http);
        self[0] = server;
        try {
            http.start();
        } catch (Exception e) {
            store.close();
            logs.close();
            throw e;
        }
        server.ready.set(true);
        LOG.info("ecsd serving on {} (region {}, account {}, data in {})", server.endpoint(), config.region(),
                config.accountId(), config.dataDirectory());
        return server;
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
        store.wipe();
        logs.wipe();
        LOG.info("state and logs wiped by POST /_ecsd/reset");
        return Reply.json(200, "{\"status\":\"reset\"}");
    }

    @Override
    public void close() {
        ready.set(false);
        http.close();
        store.close();
        logs.close();
    }

    private static String hostForUri(String bind) {
        if ("0.0.0.0".equals(bind) || "::".equals(bind)) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
