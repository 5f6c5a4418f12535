package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A docker-java stream (events, logs, pull progress, stats) as a blocking object: wait for it to open, then for
 * it to end. docker-java reads it on a thread of its own; closing ends it at once.
 */
abstract class EngineStream<T> implements ResultCallback<T> {
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Closeable stream;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** One item of the stream, on docker-java's thread. */
    protected abstract void accept(T item);

    /** Called once when the stream has ended, for whatever reason, before {@link #hasEnded()} turns true. */
    protected void ended() {
    }

    @Override
    public final void onStart(Closeable stream) {
        this.stream = stream;
        if (closed) {
            closeQuietly(stream);
        }
        opened.countDown();
    }

    @Override
    public final void onNext(T item) {
        if (!closed) {
            accept(item);
        }
    }

    @Override
    public final void onError(Throwable error) {
        if (!closed) {
            failure = error;
        }
        finish();
    }

    @Override
    public final void onComplete() {
        finish();
    }

    @Override
    public final void close() {
        closed = true;
        finish();
    }

    private void finish() {
        Closeable open = stream;
        if (open != null) {
            closeQuietly(open);
        }
        opened.countDown();
        if (finished.compareAndSet(false, true)) {
            ended(); // first, so that whoever sees the stream ended also sees what ended() delivered
            ended.countDown();
        }
    }

    /** Waits until the engine has answered the request; throws what it refused with. Closes on interruption. */
    final void awaitOpen() throws Exception {
        try {
            opened.await();
        } catch (InterruptedException e) {
            close();
            throw e;
        }
        rethrowFailure();
    }

    /** Waits until the stream has ended; throws what broke it. Closes on interruption. */
    final void awaitEnd() throws Exception {
        try {
            ended.await();
        } catch (InterruptedException e) {
            close();
            throw e;
        }
        rethrowFailure();
    }

    final boolean hasEnded() {
        return ended.getCount() == 0;
    }

    final boolean wasClosed() {
        return closed;
    }

    private void rethrowFailure() throws Exception {
        Throwable error = failure;
        if (error instanceof Exception exception) {
            throw exception;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is going away either way
        }
    }
}
