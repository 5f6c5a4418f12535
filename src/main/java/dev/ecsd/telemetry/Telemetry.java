package dev.ecsd.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * ecsd's own telemetry: one Prometheus registry per server, fed through the small recording interfaces the layers
 * call ({@link ApiMetrics}, {@link StoreMetrics} ...), so no Micrometer type leaves this package. Meters are made
 * once per label set and kept: the API's hot path looks one up in a map, it never builds tags.
 */
public final class Telemetry implements AutoCloseable {
    /** The content type of {@link #scrape()}: Prometheus's text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /**
     * A bound on the API's label sets: service and operation names come from requests, so a client sending made-up
     * ones must not grow the registry without end. Past it, new label sets are counted as {@code other}.
     */
    static final int MAX_API_SERIES = 2_000;
    private static final String OTHER = "other";
    /** Latency buckets from a cached read (sub-millisecond) to a slow engine call; explicit, so series stay few. */
    private static final Duration[] BUCKETS = {Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    /** The HELP line of each timer made by {@link #timer}. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "ecsd.store.commits", "State store backend commits (one fsync each), and their latency",
            "ecsd.engine.calls", "Docker Engine calls by kind, and their latency with the wait for a permit",
            "ecsd.controller.reconciles", "Reconciles per controller, and their latency");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<ApiKey, ApiMeters> api = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    private final InstantSource clock;

    /** A registry whose scrape-time values are read against {@code clock} (the server's timer). */
    public Telemetry(InstantSource clock) {
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Every meter in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    public ApiMetrics api() {
        return this::request;
    }

    public StoreMetrics store(String region) {
        Timer ok = timer("ecsd.store.commits", "region", region, "outcome", "success");
        Timer failed = timer("ecsd.store.commits", "region", region, "outcome", "failure");
        DistributionSummary batch = DistributionSummary.builder("ecsd.store.commit.transactions")
                .description("Transactions per group commit").tag("region", region)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        return (transactions, nanos, succeeded) -> {
            (succeeded ? ok : failed).record(nanos, TimeUnit.NANOSECONDS);
            batch.record(transactions);
        };
    }

    public EngineMetrics engine() {
        return (kind, nanos, succeeded) -> timer("ecsd.engine.calls", "kind", kind,
                "outcome", succeeded ? "success" : "failure").record(nanos, TimeUnit.NANOSECONDS);
    }

    public LogMetrics logs(String region) {
        Counter shipped = Counter.builder("ecsd.log.events.shipped")
                .description("Log events of tasks' containers shipped into CloudWatch Logs").tag("region", region)
                .register(registry);
        return shipped::increment;
    }

    public ControllerMetrics controllers(String region) {
        return new ControllerMetrics() {
            @Override
            public void reconciled(String controller, long nanos, boolean succeeded) {
                timer("ecsd.controller.reconciles", "region", region, "controller", controller,
                        "outcome", succeeded ? "success" : "failure").record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void queue(String controller, IntSupplier depth) {
                Gauge.builder("ecsd.controller.queue.depth", depth::getAsInt)
                        .description("Keys waiting to be reconciled").tag("region", region)
                        .tag("controller", controller).strongReference(true).register(registry);
            }
        };
    }

    /**
     * The region's tasks by status, a gauge per status read at scrape time from {@code counts} (asked once per
     * scrape for all statuses, not once per status).
     */
    public void tasks(String region, List<String> statuses, Supplier<Map<String, Long>> counts) {
        ScrapeMemo<Map<String, Long>> memo = new ScrapeMemo<>(counts, clock);
        for (String status : statuses) {
            Gauge.builder("ecsd.tasks", () -> memo.get().getOrDefault(status, 0L))
                    .description("Tasks by last status").tag("region", region).tag("status", status)
                    .strongReference(true).register(registry);
        }
    }

    private void request(String region, String service, String operation, int status, String errorCode,
            long nanos) {
        String outcome = status < 400 ? "success" : status < 500 ? "client_error" : "server_error";
        ApiKey key = new ApiKey(region, service, operation, outcome, errorCode);
        ApiMeters meters = api.get(key);
        if (meters == null) {
            meters = api.size() < MAX_API_SERIES ? api.computeIfAbsent(key, this::apiMeters)
                    : api.computeIfAbsent(new ApiKey(region, OTHER, OTHER, outcome, errorCode == null ? null : OTHER),
                            this::apiMeters);
        }
        meters.latency.record(nanos, TimeUnit.NANOSECONDS);
        if (meters.errors != null) {
            meters.errors.increment();
        }
    }

    private ApiMeters apiMeters(ApiKey key) {
        Timer latency = Timer.builder("ecsd.api.requests").description("AWS API requests answered, and their latency")
                .tags("region", key.region, "service", key.service, "operation", key.operation, "outcome", key.outcome)
                .serviceLevelObjectives(BUCKETS).register(registry);
        Counter errors = key.errorCode == null ? null : Counter.builder("ecsd.api.errors")
                .description("AWS API requests answered with an error, by error code")
                .tags("region", key.region, "service", key.service, "operation", key.operation, "code", key.errorCode)
                .register(registry);
        return new ApiMeters(latency, errors);
    }

    private Timer timer(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return timers.computeIfAbsent(key, k -> Timer.builder(name).description(DESCRIPTIONS.get(name)).tags(tags)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private record ApiKey(String region, String service, String operation, String outcome, String errorCode) {
    }

    private record ApiMeters(Timer latency, Counter errors) {
    }
}
