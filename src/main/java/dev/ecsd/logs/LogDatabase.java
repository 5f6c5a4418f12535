package dev.ecsd.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file behind the log store: one writer connection used by one thread at a time, and a few reader
 * connections that, in WAL mode, read committed data without waiting for the writer.
 *
 * <p>Durability: WAL with {@code synchronous=NORMAL}. In WAL mode a commit has written its frames to the WAL file
 * before it returns, so an acknowledged write survives the process being killed (kill -9); only a crash of the
 * operating system or a power cut can lose the commits made since the WAL was last synced (at each checkpoint),
 * and it never corrupts the file. {@code FULL} adds an fsync to every commit: measured here at 2-4 ms against
 * 0.2-0.3 ms, which through the one writer would cap ingestion at a few hundred appends a second for all
 * containers together. For high-volume log events that is the better trade; the state database, small and
 * authoritative, stays on {@code FULL}.
 */
final class LogDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS log_groups ("
                    + "id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, creation_time INTEGER NOT NULL, "
                    + "retention_days INTEGER, deletion_protection INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE IF NOT EXISTS log_group_tags ("
                    + "group_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (group_id, key)"
                    + ") WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS log_streams ("
                    + "id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, name TEXT NOT NULL, "
                    + "creation_time INTEGER NOT NULL, first_event_timestamp INTEGER, last_event_timestamp INTEGER, "
                    + "last_ingestion_time INTEGER, upload_sequence INTEGER NOT NULL DEFAULT 0, "
                    + "stored_bytes INTEGER NOT NULL DEFAULT 0, UNIQUE (group_id, name))",
            // AUTOINCREMENT: an event id is never reused, so positions and eventIds stay unique for good.
            "CREATE TABLE IF NOT EXISTS log_events ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL, "
                    + "timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL)",
            // Both indexes end in the rowid, so they serve the (timestamp, id) order without sorting.
            "CREATE INDEX IF NOT EXISTS log_events_by_stream ON log_events (stream_id, timestamp)",
            "CREATE INDEX IF NOT EXISTS log_events_by_group ON log_events (group_id, timestamp)");

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

    private LogDatabase(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    static LogDatabase open(Path file) {
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
            LogDatabase database = new LogDatabase(file, writer);
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
            throw new IllegalStateException("cannot open the log database " + file + ": " + e.getMessage(), e);
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
        writeLock.lock();
        try {
            checkOpen();
            try {
                R result = work.apply(writer);
                writer.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new IllegalStateException("cannot write the log database " + file + ": " + e.getMessage(), e);
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
            throw new IllegalStateException("interrupted while waiting to read the log database", e);
        }
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the log database " + file + ": " + e.getMessage(), e);
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
            throw new IllegalStateException("the log store is closed");
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
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to protect
        }
    }
}
