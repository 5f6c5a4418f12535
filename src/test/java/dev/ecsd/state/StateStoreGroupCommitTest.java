package dev.ecsd.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.TaskDefinitionFamily;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent writers share backend commits, and nobody sees or is told of a write before it is durable. */
class StateStoreGroupCommitTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-05-01T12:00:00Z"));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final ControlledBackend backend = new ControlledBackend();
    private final StateStore store = StateStore.open(backend, CLOCK);

    @AfterEach
    void closeStore() {
        writers.shutdownNow();
        store.close();
    }

    @Test
    void writesQueuedDuringACommitShareTheNextOne() throws Exception {
        ControlledBackend.Hold hold = backend.holdNextCommit();
        CompletableFuture<String> first = inBackground(tx -> put(tx, "first"));
        hold.awaitStarted();
        int queued = 20;
        CountDownLatch applied = new CountDownLatch(queued);
        List<CompletableFuture<String>> others = IntStream.range(0, queued)
                .mapToObj(i -> inBackground(tx -> {
                    put(tx, "family-" + i);
                    applied.countDown();
                    return "family-" + i;
                }))
                .toList();
        await(applied);

        assertThat(first).as("its commit is still running").isNotDone();
        assertThat(others).allSatisfy(future -> assertThat(future).isNotDone());
        hold.release();

        assertThat(first).succeedsWithin(TIMEOUT);
        assertThat(others).allSatisfy(future -> assertThat(future).succeedsWithin(TIMEOUT));
        assertThat(backend.committed()).extracting(List::size).as("rows per commit").containsExactly(1, queued);
        assertThat(store.snapshot().count(Kind.TASK_DEFINITION_FAMILY)).isEqualTo(queued + 1);
    }

    @Test
    void aWriteIsSeenByLaterTransactionsAtOnceButByReadersAndItsWriterOnlyOnceDurable() throws Exception {
        ControlledBackend.Hold hold = backend.holdNextCommit();
        CompletableFuture<String> first = inBackground(tx -> put(tx, "web"));
        hold.awaitStarted();

        assertThat(store.snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web")).isEmpty();
        List<String> seenBySecond = new CopyOnWriteArrayList<>();
        CountDownLatch applied = new CountDownLatch(1);
        CompletableFuture<Integer> second = inBackground(tx -> {
            TaskDefinitionFamily web = tx.find(Kind.TASK_DEFINITION_FAMILY, "web").orElseThrow();
            seenBySecond.add("transaction sees revision " + web.lastRevision());
            seenBySecond.add("readers see " + store.snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web"));
            tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily("web", web.lastRevision() + 1));
            applied.countDown();
            return web.lastRevision() + 1;
        });
        await(applied);

        assertThat(seenBySecond).containsExactly("transaction sees revision 1", "readers see Optional.empty");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(store.snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web")).isEmpty();
        hold.release();

        assertThat(second).succeedsWithin(TIMEOUT).isEqualTo(2);
        assertThat(first).succeedsWithin(TIMEOUT);
        assertThat(store.snapshot().find(Kind.TASK_DEFINITION_FAMILY, "web")).contains(new TaskDefinitionFamily("web", 2));
        assertThat(backend.loadAll()).singleElement().extracting(StoreBackend.Row::json).asString()
                .contains("\"lastRevision\":2");
    }

    @Test
    void aFailedCommitFailsItsWritesAndThoseOnTopOfThemButNotEarlierOrLaterOnes() throws Exception {
        store.write(tx -> put(tx, "kept"));
        ControlledBackend.Hold hold = backend.holdNextCommit();
        backend.failNextCommit(new IllegalStateException("disk full"));
        CompletableFuture<String> lost = inBackground(tx -> put(tx, "lost"));
        hold.awaitStarted();
        CountDownLatch applied = new CountDownLatch(2);
        CompletableFuture<String> onTop = inBackground(tx -> {
            put(tx, "on-top");
            applied.countDown();
            return "on-top";
        });
        CompletableFuture<Boolean> readOnTop = inBackground(tx -> {
            applied.countDown();
            return tx.find(Kind.TASK_DEFINITION_FAMILY, "lost").isPresent();
        });
        await(applied);
        hold.release();

        assertThat(lost).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("disk full");
        assertThat(onTop).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("applied on top of a write that could not be made durable: disk full");
        assertThat(readOnTop).as("it read a write that was never kept").failsWithin(TIMEOUT)
                .withThrowableOfType(ExecutionException.class).withMessageContaining("disk full");
        assertThat(keys(store.snapshot())).containsExactly("kept");
        List<String> seenByNextWriter = store.write(tx -> keys(tx.state()));
        assertThat(seenByNextWriter).as("writers start again from the durable state").containsExactly("kept");

        store.write(tx -> put(tx, "later"));
        assertThat(keys(store.snapshot())).containsExactly("kept", "later");
        assertThat(backend.loadAll()).extracting(StoreBackend.Row::key).containsExactlyInAnyOrder("kept", "later");
    }

    @Test
    void listenersHearWritesInCommitOrder() {
        List<String> heard = new CopyOnWriteArrayList<>();
        store.subscribe(changes -> changes.forEach(change -> heard.add(change.key())));

        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int writer = 0; writer < 16; writer++) {
            String prefix = "writer-" + writer + "-";
            writes.add(CompletableFuture.runAsync(() -> IntStream.range(0, 25)
                    .forEach(i -> store.write(tx -> put(tx, prefix + i))), writers));
        }
        assertThat(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))).succeedsWithin(TIMEOUT);

        List<String> committed = backend.committed().stream().flatMap(List::stream).map(StoreBackend.Row::key).toList();
        assertThat(committed).hasSize(16 * 25);
        assertThat(heard).isEqualTo(committed);
    }

    @Test
    void closeCommitsWhatIsQueuedThenRefusesWrites() throws Exception {
        ControlledBackend.Hold hold = backend.holdNextCommit();
        CompletableFuture<String> inFlight = inBackground(tx -> put(tx, "in-flight"));
        hold.awaitStarted();
        CountDownLatch applied = new CountDownLatch(1);
        CompletableFuture<String> queued = inBackground(tx -> {
            applied.countDown();
            return put(tx, "queued");
        });
        await(applied);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close, writers);
        hold.release();

        assertThat(closing).succeedsWithin(TIMEOUT);
        assertThat(inFlight).succeedsWithin(TIMEOUT);
        assertThat(queued).succeedsWithin(TIMEOUT);
        assertThat(backend.isClosed()).isTrue();
        assertThat(backend.loadAll()).extracting(StoreBackend.Row::key).containsExactlyInAnyOrder("in-flight", "queued");
        assertThatThrownBy(() -> store.write(tx -> put(tx, "too-late"))).hasMessage("the state store is closed");
    }

    private <R> CompletableFuture<R> inBackground(Function<Transaction, R> work) {
        return CompletableFuture.supplyAsync(() -> store.write(work), writers);
    }

    private static String put(Transaction tx, String family) {
        tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily(family, 1));
        return family;
    }

    private static List<String> keys(Snapshot state) {
        return state.all(Kind.TASK_DEFINITION_FAMILY).map(TaskDefinitionFamily::family).toList();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("latch opened").isTrue();
    }
}
