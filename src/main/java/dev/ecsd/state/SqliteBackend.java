package dev.ecsd.state;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * committed write survives a crash of the process or the machine.
 */
public final class SqliteBackend implements StoreBackend {
    private final Connection connection;

    private SqliteBackend(Connection connection) {
        this.connection = connection;
    }

    public static SqliteBackend open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute("CREATE TABLE IF NOT EXISTS records ("
                        + "kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, key)"
                        + ") WITHOUT ROWID");
            }
            connection.setAutoCommit(false);
            return new SqliteBackend(connection);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the state database " + file + ": " + e.getMessage(), e);
        }
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
    public void wipe() {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM records");
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("cannot wipe the state database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing left to protect
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
