package dev.ecsd.bench;

import dev.ecsd.control.alarm.AlarmController;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.metrics.SqliteMetricStore;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.state.Kind;
import dev.ecsd.state.SqliteBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The cost of evaluating 10,000 CloudWatch alarms in one period (not a test): the alarm controller's pass — reading
 * each alarm's evaluation range from the metric store, evaluating it, and writing what changed to the state store on
 * SQLite — when nothing changes but a tenth of the alarms re-invoke their scaling policy, and when every alarm
 * changes state. The anchor is the same number of raw SQLite point queries (one indexed SELECT each) in the same run.
 * The metric store is the server's own, on SQLite: reading an alarm's periods is one indexed range query.
 *
 * <p>Run with {@code ./run-benchmark alarms [alarms [rounds]]} (default 10,000 alarms, 10 rounds; the median and the
 * worst pass are printed).
 */
public final class AlarmBenchmark {
    private AlarmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int alarms = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path root = Files.createTempDirectory("ecsd-alarm-bench-");
        System.out.printf("evaluating %,d alarms per period, %d rounds after 2 of warm-up, in %s%n", alarms, rounds,
                root);
        System.out.printf("%-66s %12s %12s %14s%n", "", "median ms", "worst ms", "alarms/s");
        try {
            run(root.resolve("steady"), alarms, rounds, false);
            run(root.resolve("flapping"), alarms, rounds, true);
            anchor(root.resolve("anchor.db"), alarms, rounds);
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Alarms of 3 of 3 periods over their own metric; {@code flapping} alarms evaluate 1 period whose value crosses
     * the threshold every period, so every alarm changes state (a history item each) every pass.
     */
    private static void run(Path directory, int alarms, int rounds, boolean flapping) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VirtualTimer timer = new VirtualTimer(Instant.parse("2026-01-01T00:00:00Z"));
        try (StateStore store = StateStore.open(SqliteBackend.open(directory.resolve("state.db")), timer);
                SqliteMetricStore metrics = SqliteMetricStore.open(directory.resolve("metrics.db"), timer)) {
            List<MetricKey> keys = new ArrayList<>(alarms);
            for (int i = 0; i < alarms; i++) {
                keys.add(MetricKey.of("Bench", "Load", Map.of("Alarm", Integer.toString(i))));
            }
            for (int from = 0; from < alarms; from += 1000) {
                int start = from;
                store.write(tx -> {
                    for (int i = start; i < Math.min(alarms, start + 1000); i++) {
                        String name = "bench-" + i;
                        List<String> actions = i % 10 == 0 ? List.of("arn:aws:autoscaling:us-east-1:000000000000:"
                                + "scalingPolicy:" + i + ":resource/ecs/service/c/s" + i + ":policyName/p") : List.of();
                        AlarmDefinition definition = new AlarmDefinition(null, true, List.of(), actions, List.of(),
                                keys.get(i), "Average", null, 60, null, flapping ? 1 : 3, flapping ? 1 : 3, 70.0,
                                "GreaterThanThreshold", null, null, tx.now());
                        tx.put(Kind.METRIC_ALARM, new MetricAlarm("arn:aws:cloudwatch:us-east-1:000000000000:alarm:"
                                + name, name, definition, AlarmStatus.initial(tx.now()), List.of()));
                    }
                    return null;
                });
            }
            AlarmController controller = new AlarmController(store, metrics, MetricPeriod.AWS);
            long[] nanos = new long[rounds];
            int written = 0;
            for (int round = -2; round < rounds; round++) {
                Instant minute = timer.instant().truncatedTo(ChronoUnit.MINUTES);
                double value = flapping && (round & 1) == 0 ? 50.0 : 90.0;
                List<MetricDatum> data = new ArrayList<>(keys.size());
                for (MetricKey key : keys) {
                    data.add(MetricDatum.value(key, minute.plusSeconds(30), null, value));
                }
                metrics.put(data);
                timer.advanceTo(minute.plusSeconds(66));
                long begin = System.nanoTime();
                AlarmController.Pass pass = controller.pass();
                long took = System.nanoTime() - begin;
                if (pass.evaluated() != alarms) {
                    throw new IllegalStateException("a pass evaluated " + pass.evaluated() + " alarms, not " + alarms);
                }
                if (round >= 0) {
                    nanos[round] = took;
                    written = pass.written();
                }
            }
            print(String.format("pass, %s (%,d written)", flapping
                    ? "every alarm changes state" : "steady, 1 in 10 re-invokes its scaling policy", written), alarms, nanos);
        }
    }

    /** The same number of primary-key SELECTs on a SQLite table of as many rows, one prepared statement. */
    private static void anchor(Path file, int alarms, int rounds) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("CREATE TABLE t (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < alarms; i++) {
                    insert.setString(1, "Bench/Load/Alarm=" + i);
                    insert.setString(2, "{\"sampleCount\":1,\"sum\":90.0,\"minimum\":90.0,\"maximum\":90.0}");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            long[] nanos = new long[rounds];
            long found = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT json FROM t WHERE key = ?")) {
                for (int round = -2; round < rounds; round++) {
                    long begin = System.nanoTime();
                    for (int i = 0; i < alarms; i++) {
                        select.setString(1, "Bench/Load/Alarm=" + i);
                        try (ResultSet rows = select.executeQuery()) {
                            found += rows.next() ? rows.getString(1).length() : 0;
                        }
                    }
                    if (round >= 0) {
                        nanos[round] = System.nanoTime() - begin;
                    }
                }
            }
            if (found == 0) {
                throw new IllegalStateException("the anchor found nothing");
            }
            print(String.format("anchor: %,d SQLite point queries", alarms), alarms, nanos);
        }
    }

    private static void print(String what, int alarms, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double worst = sorted[sorted.length - 1] / 1e6;
        System.out.printf("%-66s %12.1f %12.1f %,14.0f%n", what, median, worst, alarms / (median / 1000));
    }
}
