package dev.ecsd.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded durable backend: one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * committed write survives a crash of the process or the machine. One backend at a time owns the file.
 */
public final class SqliteBackend implements StoreBackend {
    private final Connection connection;
    private final FileChannel lockFile;

    private SqliteBackend(Connection connection, FileChannel lockFile) {
        this.connection = connection;
        this.lockFile = lockFile;
    }

    /**
     * Opens the database, refusing one that another backend (in this or another process) has open: the state
     * is kept in memory by its one writer, so a second writer on the same file would silently diverge from it
     * and hand out the same revisions and ids twice. The lock is released when the owner closes or dies.
     */
    public static SqliteBackend open(Path file) {
        Path absolute = file.toAbsolutePath();
        FileChannel lockFile = null;
        Connection connection = null;
        try {
            Files.createDirectories(absolute.getParent());
            lockFile = lock(absolute);
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute("CREATE TABLE IF NOT EXISTS records ("
                        + "kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, key)"
                        + ") WITHOUT ROWID");
            }
            connection.setAutoCommit(false);
            return new SqliteBackend(connection, lockFile);
        } catch (SQLException | IOException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the original error is the one worth reporting
                }
            }
            closeQuietly(lockFile);
            throw new IllegalStateException("cannot open the state database " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel lock(Path database) throws IOException {
        Path path = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the state database " + database + " is in use by another ecsd server; "
                    + "stop it or give this one another data directory");
        }
        return channel;
    }

    @Override
    public List<Row> loadAll() {
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT kind, key, json FROM records")) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getString(2), result.getString(3)));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the state database: " + e.getMessage(), e);
        }
        return rows;
    }

    @Override
    public void commit(List<Row> rows) {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO records (kind, key, json) VALUES (?, ?, ?) "
                        + "ON CONFLICT (kind, key) DO UPDATE SET json = excluded.json");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM records WHERE kind = ? AND key = ?")) {
            for (Row row : rows) {
                if (row.json() == null) {
                    delete.setString(1, row.kind());
                    delete.setString(2, row.key());
                    delete.executeUpdate();
                } else {
                    upsert.setString(1, row.kind());
                    upsert.setString(2, row.key());
                    upsert.setString(3, row.json());
                    upsert.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("cannot write the state database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing left to protect
        }
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close(); // releases the lock
        } catch (IOException e) {
            // the process is letting go of the file anyway
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original error is the one worth reporting
        }
    }
}
