package dev.ecsd.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.model.TaskDefinitionFamily;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateStoreTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-05-01T12:00:00.123456Z"));

    @Test
    void aWriteIsDurableThenVisibleThenAnnounced() {
        MemoryBackend backend = new MemoryBackend();
        StateStore store = StateStore.open(backend, CLOCK);
        List<String> heard = new ArrayList<>();
        store.subscribe(changes -> {
            // By the time listeners hear of a write, readers see it and the backend has it.
            assertThat(store.snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web")).isPresent();
            assertThat(backend.loadAll()).hasSize(1);
            changes.forEach(change -> heard.add(change.kind() + " " + change.key()));
        });
        Snapshot before = store.snapshot();

        store.write(tx -> tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 1)));

        assertThat(before.find(Kind.TASK_DEFINITION_FAMILY, "web")).as("snapshots never change").isEmpty();
        assertThat(store.snapshot().version()).isEqualTo(before.version() + 1);
        assertThat(heard).containsExactly("task_definition_family web");
        assertThat(StateStore.open(backend, CLOCK).snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web"))
                .contains(new TaskDefinitionFamily("web", 1));
    }

    @Test
    void aFailedTransactionLeavesNothing() {
        MemoryBackend backend = new MemoryBackend();
        StateStore store = StateStore.open(backend, CLOCK);

        assertThatThrownBy(() -> store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 1));
            throw new IllegalArgumentException("refused");
        })).hasMessage("refused");

        assertThat(store.snapshot().count(Kind.TASK_DEFINITION_FAMILY)).isZero();
        assertThat(backend.loadAll()).isEmpty();
    }

    @Test
    void aWriteTheBackendCannotKeepIsNotVisible() {
        StoreBackend failing = new StoreBackend() {
            @Override
            public List<Row> loadAll() {
                return List.of();
            }

            @Override
            public void commit(List<Row> rows) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void close() {
            }
        };
        StateStore store = StateStore.open(failing, CLOCK);

        assertThatThrownBy(() -> store.write(tx -> tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 1))))
                .hasMessage("disk full");

        assertThat(store.snapshot().count(Kind.TASK_DEFINITION_FAMILY)).isZero();
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheWriteNorKeepOthersFromHearingIt() {
        MemoryBackend backend = new MemoryBackend();
        StateStore store = StateStore.open(backend, CLOCK);
        List<String> heard = new ArrayList<>();
        store.subscribe(changes -> {
            throw new IllegalStateException("listener bug");
        });
        store.subscribe(changes -> changes.forEach(change -> heard.add(change.key())));

        TaskDefinitionFamily written = store.write(tx ->
                tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 1)));

        assertThat(written).isEqualTo(new TaskDefinitionFamily("web", 1));
        assertThat(heard).containsExactly("web");
        assertThat(store.snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web")).isPresent();
        assertThat(backend.loadAll()).hasSize(1);
    }

    @Test
    void aListenerCannotWriteButTheWriteItHeardStands() {
        StateStore store = StateStore.open(new MemoryBackend(), CLOCK);
        List<Throwable> refused = new ArrayList<>();
        store.subscribe(changes -> {
            try {
                store.write(tx -> tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("echo", 1)));
            } catch (IllegalStateException e) {
                refused.add(e);
            }
        });

        store.write(tx -> tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 1)));

        assertThat(refused).singleElement().extracting(Throwable::getMessage).asString()
                .contains("a store listener must not write");
        assertThat(store.snapshot().all(Kind.TASK_DEFINITION_FAMILY)).containsExactly(new TaskDefinitionFamily("web", 1));
    }

    @Test
    void wipeDeletesEverythingDurablyAndAnnouncesEachDeletion() {
        MemoryBackend backend = new MemoryBackend();
        StateStore store = StateStore.open(backend, CLOCK);
        store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 3));
            return tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("api", 1));
        });
        List<Change> heard = new ArrayList<>();
        store.subscribe(heard::addAll);

        store.wipe();

        assertThat(heard).extracting(Change::key, Change::isDelete).containsExactly(tuple("api", true), tuple("web", true));
        assertThat(store.snapshot().count(Kind.TASK_DEFINITION_FAMILY)).isZero();
        assertThat(backend.loadAll()).isEmpty();
        store.write(tx -> tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", 1)));
        assertThat(backend.loadAll()).hasSize(1);
    }

    @Test
    void transactionTimesAreMilliseconds() {
        StateStore store = StateStore.open(new MemoryBackend(), CLOCK);

        assertThat(store.write(Transaction::now)).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
    }
}
