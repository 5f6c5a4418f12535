package dev.ecsd.bench;

import dev.ecsd.model.ModelJson;
import dev.ecsd.model.TaskDefinitionFamily;
import dev.ecsd.state.Kind;
import dev.ecsd.state.SqliteBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Acknowledged writes per second through the state store on SQLite (not a test), with 1, 8 and 32 concurrent
 * writers: every write committed on its own (as before group commit), group commit, and as the anchor a plain
 * SQLite loop (WAL, synchronous=FULL, one upsert and commit per write) on the same disk. Then the same through
 * HTTP: SDK clients creating clusters on an in-process server.
 *
 * <p>Run with {@code ./run-benchmark store [seconds]}: each figure is measured for that many seconds (default 3)
 * after one second of warm-up, on fresh files in the temporary directory.
 */
public final class StoreBenchmark {
    private static final List<Integer> WRITERS = List.of(1, 8, 32);
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    /** Keys are reused so that every run writes into a table of the same size. */
    private static final int KEYS_PER_WRITER = 1000;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration period = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 3);
        Path root = Files.createTempDirectory("ecsd-store-bench-");
        System.out.printf("state store writes, %d s each after %d s warm-up, in %s%n", period.toSeconds(),
                WARM_UP.toSeconds(), root);
        System.out.println(Throughput.header());
        try {
            for (int writers : WRITERS) {
                anchor(root.resolve("anchor-" + writers + ".db"), writers, period);
                store(root.resolve("per-write-" + writers), writers, period, 1, "store, one commit per write");
                store(root.resolve("group-" + writers), writers, period, StateStore.DEFAULT_MAX_BATCH,
                        "store, group commit");
            }
            HttpWriteBenchmark.run(WRITERS, WARM_UP, period);
        } finally {
            delete(root);
        }
    }

    private static void store(Path directory, int writers, Duration period, int maxBatch, String name)
            throws Exception {
        CountingBackend backend = new CountingBackend(SqliteBackend.open(directory.resolve("state.db")));
        try (StateStore store = StateStore.open(backend, InstantSource.system(), maxBatch)) {
            Throughput.Result result = Throughput.measure(writers, WARM_UP, period, (writer, sequence) ->
                    store.write(tx -> tx.put(Kind.TASK_DEFINITION_FAMILY, family(writer, sequence))));
            System.out.println(Throughput.row(name, result,
                    String.format("%.1f", (double) result.allOperations() / backend.commits.get())));
        }
    }

    /** What the disk can do: one connection, one writer at a time, one upsert and one commit per write. */
    private static void anchor(Path file, int writers, Duration period) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, "
                        + "PRIMARY KEY (kind, key)) WITHOUT ROWID");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO records (kind, key, json) "
                    + "VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET json = excluded.json")) {
                Throughput.Result result = Throughput.measure(writers, WARM_UP, period, (writer, sequence) -> {
                    TaskDefinitionFamily family = family(writer, sequence);
                    String json = ModelJson.write(family);
                    lock.lock();
                    try {
                        upsert.setString(1, Kind.TASK_DEFINITION_FAMILY.name());
                        upsert.setString(2, family.family());
                        upsert.setString(3, json);
                        upsert.executeUpdate();
                        connection.commit();
                    } finally {
                        lock.unlock();
                    }
                });
                System.out.println(Throughput.row("sqlite anchor, commit per write", result, "1.0"));
            }
        }
    }

    private static TaskDefinitionFamily family(int writer, long sequence) {
        return new TaskDefinitionFamily("writer-" + writer + "-" + sequence % KEYS_PER_WRITER, (int) sequence + 1);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Counts the backend commits, to show how many writes each one carried. */
    private static final class CountingBackend implements StoreBackend {
        private final StoreBackend backend;
        private final AtomicLong commits = new AtomicLong();

        CountingBackend(StoreBackend backend) {
            this.backend = backend;
        }

        @Override
        public List<Row> loadAll() {
            return backend.loadAll();
        }

        @Override
        public void commit(List<Row> rows) {
            commits.incrementAndGet();
            backend.commit(rows);
        }

        @Override
        public void close() {
            backend.close();
        }
    }
}
