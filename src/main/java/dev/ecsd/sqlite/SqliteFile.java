package dev.ecsd.sqlite;

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
 * A SQLite file of ecsd's side stores (logs, metrics): one writer connection used by one thread at a time, and a few
 * reader connections that, in WAL mode, read committed data without waiting for the writer.
 *
 * <p>Durability: WAL with {@code synchronous=NORMAL}. In WAL mode a commit has written its frames to the WAL file
 * before it returns, so an acknowledged write survives the process being killed (kill -9); only a crash of the
 * operating system or a power cut can lose the commits made since the WAL was last synced (at each checkpoint),
 * and it never corrupts the file. {@code FULL} adds an fsync to every commit: measured here at 2-4 ms against
 * 0.2-0.3 ms, which through the one writer would cap ingestion at a few hundred writes a second for all
 * containers together. For high-volume log events and metric data that is the better trade; the state database,
 * small and authoritative, stays on {@code FULL}.
 */
public final class SqliteFile implements AutoCloseable {
    private static final int READERS = 4;
    private static final Map<Connection, Map<String, PreparedStatement>> STATEMENTS = new ConcurrentHashMap<>();

    /** Work done with a connection; SQL errors are turned into one failure by the caller. */
    @FunctionalInterface
    public interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    private final Path file;
    private final String name;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;

    private SqliteFile(Path file, String name, Connection writer) {
        this.file = file;
        this.name = name;
        this.writer = writer;
    }

    /**
     * Opens (creating it if need be) the database file, applying {@code schema} (idempotent statements);
     * {@code name} ("log", "metric") names it in errors.
     */
    public static SqliteFile open(Path file, String name, List<String> schema) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection writer = connect(file);
            try (Statement statement = writer.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                for (String ddl : schema) {
                    statement.execute(ddl);
                }
            }
            writer.setAutoCommit(false);
            SqliteFile database = new SqliteFile(file, name, writer);
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
            throw new IllegalStateException("cannot open the " + name + " database " + file + ": " + e.getMessage(), e);
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
    public <R> R write(Work<R> work) {
        return write(work, () -> { });
    }

    /** As {@link #write(Work)}; {@code afterCommit} runs once the work is committed, still as the only writer. */
    public <R> R write(Work<R> work, Runnable afterCommit) {
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
                throw new IllegalStateException("cannot write the " + name + " database " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a reader connection, in one read transaction, so it sees one consistent state. */
    public <R> R read(Work<R> work) {
        checkOpen();
        Connection reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read the " + name + " database", e);
        }
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + name + " database " + file + ": " + e.getMessage(), e);
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
            throw new IllegalStateException("the " + name + " store is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    /**
     * The connection's prepared statement for {@code sql}, with its parameters cleared; do not close it. Preparing
     * costs more than running the small statements of a put, and each connection is used by one thread at a time,
     * so its statements are too. They close with it.
     */
    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
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
            STATEMENTS.remove(writer);
            allReaders.forEach(STATEMENTS::remove);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to protect
        }
    }
}
