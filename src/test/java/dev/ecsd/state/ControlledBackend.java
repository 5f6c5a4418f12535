package dev.ecsd.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A memory backend for store tests that counts its commits, and can hold the next commit or fail it. */
final class ControlledBackend implements StoreBackend {
    private final MemoryBackend rows = new MemoryBackend();
    private final List<List<Row>> committed = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicReference<Hold> nextHold = new AtomicReference<>();
    private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();
    private volatile boolean closed;

    /** A commit that has been held: it starts, then waits for {@link #release()}. */
    static final class Hold {
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void awaitStarted() throws InterruptedException {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the held commit did not start");
            }
        }

        void release() {
            released.countDown();
        }
    }

    Hold holdNextCommit() {
        Hold hold = new Hold();
        nextHold.set(hold);
        return hold;
    }

    void failNextCommit(RuntimeException failure) {
        nextFailure.set(failure);
    }

    /** The rows of every successful commit, one list per commit, in commit order. */
    List<List<Row>> committed() {
        return committed;
    }

    int attempts() {
        return attempts.get();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public List<Row> loadAll() {
        return rows.loadAll();
    }

    @Override
    public void commit(List<Row> batch) {
        attempts.incrementAndGet();
        Hold hold = nextHold.getAndSet(null);
        if (hold != null) {
            hold.started.countDown();
            try {
                if (!hold.released.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held commit was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        RuntimeException failure = nextFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        rows.commit(batch);
        committed.add(List.copyOf(batch));
    }

    @Override
    public void close() {
        closed = true;
    }
}
