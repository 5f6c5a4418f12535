package dev.ecsd.logs;

import dev.ecsd.sqlite.SqliteFile;
import java.nio.file.Path;
import java.util.List;

/** The SQLite file behind the log store: its schema. {@link SqliteFile} says how it is written and read. */
final class LogDatabase {
    static final List<String> SCHEMA = List.of(
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

    private LogDatabase() {
    }

    static SqliteFile open(Path file) {
        return SqliteFile.open(file, "log", SCHEMA);
    }
}
