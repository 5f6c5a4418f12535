package dev.ecsd.control.runtime;

import dev.ecsd.time.Timer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reconciler for tests: records which key ran at which instant, then does what the test scripted. */
final class RecordingReconciler implements Reconciler {
    record Run(String key, Instant at) {
    }

    /** What a scripted reconcile does; it may throw to fail. */
    @FunctionalInterface
    interface Script {
        Outcome reconcile(String key, int runOfKey) throws Exception;
    }

    private final Timer timer;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private volatile Script script = (key, run) -> Outcome.done();

    RecordingReconciler(Timer timer) {
        this.timer = timer;
    }

    RecordingReconciler doing(Script script) {
        this.script = script;
        return this;
    }

    @Override
    public Outcome reconcile(String key) throws Exception {
        runs.add(new Run(key, timer.instant()));
        return script.reconcile(key, (int) runs.stream().filter(run -> run.key().equals(key)).count());
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    List<String> keys() {
        return runs.stream().map(Run::key).toList();
    }

    List<Instant> instantsOf(String key) {
        return runs.stream().filter(run -> run.key().equals(key)).map(Run::at).toList();
    }
}
