package dev.ecsd.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackendTest {
    @TempDir
    Path directory;

    @Test
    void committedRowsAreThereAfterReopeningInTheOrderTheyWereWritten() {
        Path file = directory.resolve("nested").resolve("state.db");
        try (SqliteBackend backend = SqliteBackend.open(file)) {
            backend.commit(List.of(row("cluster", "a", "{\"n\":1}"), row("cluster", "b", "{\"n\":2}"),
                    row("task_definition", "a", "{\"n\":3}")));
            // One commit may hold several transactions' rows, writing the same record more than once.
            backend.commit(List.of(row("cluster", "a", "{\"n\":4}"), row("cluster", "b", null),
                    row("cluster", "c", "{\"n\":5}"), row("cluster", "c", null), row("cluster", "b", "{\"n\":6}")));
        }

        try (SqliteBackend backend = SqliteBackend.open(file)) {
            assertThat(backend.loadAll()).containsExactlyInAnyOrder(row("cluster", "a", "{\"n\":4}"),
                    row("cluster", "b", "{\"n\":6}"), row("task_definition", "a", "{\"n\":3}"));
        }
    }

    @Test
    void onlyOneBackendAtATimeOwnsTheFile() {
        Path file = directory.resolve("state.db");
        try (SqliteBackend first = SqliteBackend.open(file)) {
            first.commit(List.of(row("cluster", "a", "{}")));

            assertThatThrownBy(() -> SqliteBackend.open(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("in use by another ecsd server");
            assertThat(first.loadAll()).hasSize(1);
        }

        try (SqliteBackend second = SqliteBackend.open(file)) {
            assertThat(second.loadAll()).containsExactly(row("cluster", "a", "{}"));
        }
    }

    private static StoreBackend.Row row(String kind, String key, String json) {
        return new StoreBackend.Row(kind, key, json);
    }
}
