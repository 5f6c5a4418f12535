package dev.ecsd.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file behind the metric store: one writer connection used by one thread at a time, and a few reader
 * connections that, in WAL mode, read committed data without waiting for the writer. Durability is that of the log
 * database: WAL with {@code synchronous=NORMAL}, so an acknowledged write survives the process being killed.
 */
final class MetricDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS metrics ("
                    + "id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, metric_name TEXT NOT NULL, "
                    + "dimensions TEXT NOT NULL, last_put INTEGER NOT NULL, "
                    + "UNIQUE (namespace, metric_name, dimensions))",
            // vals: the ValueHistogram of the bucket's raw values; null once a datum came as a statistic set only.
            "CREATE TABLE IF NOT EXISTS datapoints ("
                    + "metric_id INTEGER NOT NULL, resolution INTEGER NOT NULL, bucket_start INTEGER NOT NULL, "
                    + "unit TEXT NOT NULL, sample_count REAL NOT NULL, sum REAL NOT NULL, minimum REAL NOT NULL, "
                    + "maximum REAL NOT NULL, vals BLOB, "
                    + "PRIMARY KEY (metric_id, resolution, bucket_start, unit)) WITHOUT ROWID",
            // The rollup sweep finds the oldest buckets of a tier across all metrics.
            "CREATE INDEX IF NOT EXISTS datapoints_by_age ON datapoints (resolution, bucket_start)");

    /**
     * Prepared statements kept per connection: preparing costs more than running the small statements of a put,
     * and each connection is used by one thread at a time, so its statements are too. They close with it.
     */
    private static final Map<Connection, Map<String, PreparedStatement>> STATEMENTS = new ConcurrentHashMap<>();

    /** The connection's prepared statement for {@code sql}, with its parameters cleared; do not close it. */
    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Map<String, PreparedStatement> statements =
                STATEMENTS.computeIfAbsent(connection, c -> new ConcurrentHashMap<>());
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Work done with a connection; SQL errors are turned into one failure by the caller. */
    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;

    private MetricDatabase(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    static MetricDatabase open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection writer = connect(file);
            try (Statement statement = writer.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            writer.setAutoCommit(false);
            MetricDatabase database = new MetricDatabase(file, writer);
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(file);
                try (Statement statement = reader.createStatement()) {
                    statement.execute("PRAGMA query_only=ON");
                }
                reader.setAutoCommit(false);
                database.allReaders.add(reader);
                database.readers.add(reader);
            }
            return database;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the metric database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }

    /** Runs {@code work} as the only writer, in one transaction: all of it is committed, or none of it. */
    <R> R write(Work<R> work) {
        return write(work, () -> { });
    }

    /** As {@link #write(Work)}; {@code afterCommit} runs once the work is committed, still as the only writer. */
    <R> R write(Work<R> work, Runnable afterCommit) {
        writeLock.lock();
        try {
            checkOpen();
            try {
                R result = work.apply(writer);
                writer.commit();
                afterCommit.run();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new IllegalStateException("cannot write the metric database " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a reader connection, in one read transaction, so it sees one consistent state. */
    <R> R read(Work<R> work) {
        checkOpen();
        Connection reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read the metric database", e);
        }
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metric database " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                reader.rollback();
            } catch (SQLException ignored) {
                // ends the read transaction; a failure here leaves nothing to undo
            }
            readers.add(reader);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(writer);
            for (Connection reader : allReaders) {
                closeQuietly(reader);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        STATEMENTS.remove(connection);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to protect
        }
    }
}
