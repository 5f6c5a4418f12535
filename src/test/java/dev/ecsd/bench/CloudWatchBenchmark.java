package dev.ecsd.bench;

import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.SqliteMetricStore;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * CloudWatch metric throughput (not a test): PutMetricData of 20 data per call and GetMetricData over an hour of
 * one-minute data, through the Java SDK (RPC v2 CBOR) over HTTP to an in-process server; the same two straight on
 * the metric store, and the statistics read alarm evaluation makes; and beside them the anchor, a plain SQLite
 * loop (WAL, synchronous=NORMAL as metrics.db has it, one insert and commit per call) on the same disk.
 *
 * <p>Run with {@code ./run-benchmark cloudwatch [seconds]}: each figure is measured for that many seconds (default
 * 3) after three seconds of warm-up (the SDK and the server's JIT need it on a busy machine).
 */
public final class CloudWatchBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final int DATA_PER_CALL = 20;
    private static final int METRICS = 100;

    private CloudWatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration period = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 3);
        Path root = Files.createTempDirectory("ecsd-cloudwatch-bench-");
        System.out.printf("CloudWatch metrics, %d s each after %d s warm-up, in %s%n", period.toSeconds(),
                WARM_UP.toSeconds(), root);
        System.out.printf("%-46s %7s %10s %12s %8s %8s%n", "", "workers", "calls/s", "datapoints/s", "p50 ms",
                "p99 ms");
        try {
            anchor(root.resolve("anchor.db"), period);
            storeOnly(root.resolve("store"), period);
            try (TestServer server = TestServer.start()) {
                for (int workers : List.of(1, 4)) {
                    sdkPuts(server, workers, period);
                }
                fillHour(server.server().metrics());
                for (int workers : List.of(1, 4)) {
                    sdkGets(server, workers, period);
                }
            }
        } finally {
            delete(root);
        }
    }

    /** PutMetricData of 20 data per call, each worker with its own SDK client. */
    private static void sdkPuts(TestServer server, int workers, Duration period) throws Exception {
        List<CloudWatchClient> clients = clients(server, workers);
        Throughput.Result put = Throughput.measure(workers, WARM_UP, period, (worker, sequence) ->
                clients.get(worker).putMetricData(r -> r.namespace("Bench").metricData(sdkData(sequence))));
        row("PutMetricData (SDK, HTTP, 20 data)", put, DATA_PER_CALL);
        clients.forEach(CloudWatchClient::close);
    }

    /** GetMetricData of one metric's last hour by the minute, each worker with its own SDK client. */
    private static void sdkGets(TestServer server, int workers, Duration period) throws Exception {
        List<CloudWatchClient> clients = clients(server, workers);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Throughput.Result get = Throughput.measure(workers, WARM_UP, period, (worker, sequence) -> {
            MetricDataQuery query = MetricDataQuery.builder().id("cpu").metricStat(s -> s.period(60).stat("Average")
                    .metric(m -> m.namespace("Hour").metricName("CPU").dimensions(Dimension.builder()
                            .name("Service").value("s" + sequence % METRICS).build()))).build();
            int points = clients.get(worker).getMetricData(r -> r.metricDataQueries(query)
                    .startTime(end.minus(Duration.ofHours(1))).endTime(end)).metricDataResults().getFirst()
                    .values().size();
            if (points < 59) {
                throw new IllegalStateException("GetMetricData answered " + points + " datapoints, not 60");
            }
        });
        row("GetMetricData (SDK, HTTP, 1 h of 1-min data)", get, 60);
        clients.forEach(CloudWatchClient::close);
    }

    private static List<CloudWatchClient> clients(TestServer server, int workers) {
        List<CloudWatchClient> clients = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            clients.add(server.cloudWatch());
        }
        return clients;
    }

    /** The metric store alone: puts of 20 data, an hour's statistics, as alarm evaluation reads them. */
    private static void storeOnly(Path directory, Duration period) throws Exception {
        try (SqliteMetricStore store = SqliteMetricStore.open(directory.resolve("metrics.db"),
                InstantSource.system())) {
            Throughput.Result put = Throughput.measure(1, WARM_UP, period, (worker, sequence) ->
                    store.put(storeData(sequence)));
            row("store.put (20 data, one commit)", put, DATA_PER_CALL);
            fillHour(store);
            Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (int workers : List.of(1, 4)) {
                Throughput.Result read = Throughput.measure(workers, WARM_UP, period, (worker, sequence) ->
                        store.statistics(hourKey(sequence), end.minus(Duration.ofHours(1)), end,
                                Duration.ofMinutes(1), null));
                row("store.statistics (1 h of 1-min data)", read, 60);
                Throughput.Result alarm = Throughput.measure(workers, WARM_UP, period, (worker, sequence) ->
                        store.statistics(hourKey(sequence), end.minus(Duration.ofMinutes(3)), end,
                                Duration.ofMinutes(1), null));
                row("store.statistics (3 periods, as an alarm)", alarm, 3);
            }
        }
    }

    /** What the disk can do: one connection, one insert of 20 rows and one commit per call. */
    private static void anchor(Path file, Duration period) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("CREATE TABLE points (metric INTEGER NOT NULL, at INTEGER NOT NULL, "
                        + "value REAL NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO points (metric, at, value) VALUES (?, ?, ?)")) {
                Throughput.Result result = Throughput.measure(1, WARM_UP, period, (worker, sequence) -> {
                    lock.lock();
                    try {
                        for (int i = 0; i < DATA_PER_CALL; i++) {
                            insert.setLong(1, (sequence + i) % METRICS);
                            insert.setLong(2, System.currentTimeMillis());
                            insert.setDouble(3, i);
                            insert.executeUpdate();
                        }
                        connection.commit();
                    } finally {
                        lock.unlock();
                    }
                });
                row("sqlite anchor (20 inserts, one commit)", result, DATA_PER_CALL);
            }
        }
    }

    private static void fillHour(MetricStore store) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int metric = 0; metric < METRICS; metric++) {
            List<MetricDatum> data = new ArrayList<>();
            for (int minute = 1; minute <= 61; minute++) {
                Instant at = end.minus(Duration.ofMinutes(minute));
                for (int sample = 0; sample < 4; sample++) {
                    data.add(MetricDatum.value(hourKey(metric), at.plusSeconds(sample * 15L), "Percent",
                            50 + sample));
                }
            }
            store.put(data);
        }
    }

    private static MetricKey hourKey(long sequence) {
        return MetricKey.of("Hour", "CPU", Map.of("Service", "s" + sequence % METRICS));
    }

    private static List<MetricDatum> storeData(long sequence) {
        Instant now = Instant.now();
        List<MetricDatum> data = new ArrayList<>(DATA_PER_CALL);
        for (int i = 0; i < DATA_PER_CALL; i++) {
            data.add(MetricDatum.value(MetricKey.of("Bench", "Latency", Map.of("Service", "s" + (sequence + i)
                    % METRICS)), now, "Milliseconds", i));
        }
        return data;
    }

    private static List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> sdkData(long sequence) {
        Instant now = Instant.now();
        List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> data = new ArrayList<>(DATA_PER_CALL);
        for (int i = 0; i < DATA_PER_CALL; i++) {
            data.add(software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("Latency")
                    .dimensions(Dimension.builder().name("Service").value("s" + (sequence + i) % METRICS).build())
                    .timestamp(now).value((double) i).unit("Milliseconds").build());
        }
        return data;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void row(String name, Throughput.Result result, int datapointsPerCall) {
        System.out.printf("%-46s %7d %10.0f %12.0f %8.3f %8.3f%n", name, result.workers(), result.perSecond(),
                result.perSecond() * datapointsPerCall, result.p50Millis(), result.p99Millis());
    }
}
