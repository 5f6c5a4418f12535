package dev.ecsd.agent;

import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A task's report being written on a thread of its own while its worker goes on with the engine, so that the
 * write (its fsync) and the engine's work overlap. The worker awaits it before its next report, which keeps the
 * control plane hearing a task's reports in order.
 */
final class PendingReport {
    private final CompletableFuture<TaskAssignment> answer = new CompletableFuture<>();

    private PendingReport() {
    }

    /** Starts writing {@code change} through {@code reports}; {@code thread} names the writing thread. */
    static PendingReport start(TaskReports reports, TaskStateChange change, String thread) {
        PendingReport pending = new PendingReport();
        Thread.ofVirtual().name(thread).start(() -> {
            try {
                pending.answer.complete(reports.report(change));
            } catch (Throwable e) {
                pending.answer.completeExceptionally(e);
            }
        });
        return pending;
    }

    /** The control plane's answer, once the report is written; its failure is the caller's. */
    TaskAssignment await() {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Waits until the report is written or refused, whatever the caller's own fate. */
    void settle() {
        answer.handle((written, failure) -> null).join();
    }
}
