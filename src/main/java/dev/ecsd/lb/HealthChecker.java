package dev.ecsd.lb;

import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each target on its group's own schedule, on the injected timer, and tells an observer when a target's
 * health changes. The timer only hands a due check to the executor; checks run there, at most
 * {@code maxConcurrentChecks} at once, each bounded by its timeout, so a hung target delays no other. A target's
 * checks never overlap: a tick that finds the last check still running is skipped.
 */
final class HealthChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    /** Told of every change of a target's health; called without the checker's lock held. */
    interface Observer {
        void changed(TargetKey key, HealthStatus status);
    }

    /**
     * A target to check and how. {@code seed} is its health in the configuration: where a newly seen target
     * starts from (a target already checked keeps its own counters).
     */
    record CheckedTarget(TargetKey key, String host, int checkPort, TargetGroupHealthCheck check, HealthStatus seed) {
    }

    private static final class Tracker {
        CheckedTarget target;
        HealthCounter counter;
        Timer.Scheduled next;
        long generation;
        Instant lastStart;
        boolean running;
        boolean removed;

        Tracker(CheckedTarget target) {
            this.target = target;
            this.counter = HealthCounter.startingFrom(target.seed());
        }
    }

    private record Due(Tracker tracker, Instant at, long generation) {
    }

    private final Timer timer;
    private final HealthProbe probe;
    private final Executor executor;
    private final Semaphore permits;
    private final Observer observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<TargetKey, Tracker> trackers = new HashMap<>();
    private boolean closed;

    HealthChecker(Timer timer, HealthProbe probe, Executor executor, int maxConcurrentChecks, Observer observer) {
        this.timer = timer;
        this.probe = probe;
        this.executor = executor;
        this.permits = new Semaphore(maxConcurrentChecks);
        this.observer = observer;
    }

    /** Checks exactly these targets from now on: new ones start at once, gone ones stop (a running check's result is dropped). */
    void update(Collection<CheckedTarget> wanted) {
        List<Due> toSchedule = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Map<TargetKey, CheckedTarget> byKey = new HashMap<>();
            wanted.forEach(target -> byKey.put(target.key(), target));
            trackers.entrySet().removeIf(entry -> {
                if (byKey.containsKey(entry.getKey())) {
                    return false;
                }
                stop(entry.getValue());
                return true;
            });
            Instant now = timer.instant();
            for (CheckedTarget target : byKey.values()) {
                Tracker tracker = trackers.get(target.key());
                if (tracker == null) {
                    tracker = new Tracker(target);
                    trackers.put(target.key(), tracker);
                    toSchedule.add(new Due(tracker, now, ++tracker.generation));
                    continue;
                }
                int oldInterval = tracker.target.check().intervalSeconds();
                tracker.target = target;
                if (oldInterval != target.check().intervalSeconds() && tracker.lastStart != null) {
                    // a new interval counts from the last check, not from the tick already planned
                    Instant at = tracker.lastStart.plusSeconds(target.check().intervalSeconds());
                    cancel(tracker);
                    toSchedule.add(new Due(tracker, at.isBefore(now) ? now : at, ++tracker.generation));
                }
            }
        } finally {
            lock.unlock();
        }
        // outside the lock: a timer may run an action that is already due on this very thread
        toSchedule.forEach(this::schedule);
    }

    /** The health each checked target has now, as its checks saw it. */
    Map<TargetKey, TargetHealthState> states() {
        lock.lock();
        try {
            Map<TargetKey, TargetHealthState> states = new HashMap<>();
            trackers.forEach((key, tracker) -> states.put(key, tracker.counter.status().state()));
            return states;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            trackers.values().forEach(HealthChecker::stop);
            trackers.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void stop(Tracker tracker) {
        tracker.removed = true;
        cancel(tracker);
    }

    private static void cancel(Tracker tracker) {
        if (tracker.next != null) {
            tracker.next.cancel();
            tracker.next = null;
        }
    }

    private void schedule(Due due) {
        Timer.Scheduled scheduled = timer.schedule(due.at(), () -> tick(due.tracker(), due.generation()));
        lock.lock();
        try {
            if (due.tracker().generation == due.generation() && !due.tracker().removed) {
                due.tracker().next = scheduled;
            }
        } finally {
            lock.unlock();
        }
    }

    /** On the timer's thread: plan the next tick and hand this check to the executor. Quick, as timer actions must be. */
    private void tick(Tracker tracker, long generation) {
        boolean start;
        Due next;
        lock.lock();
        try {
            if (closed || tracker.removed || tracker.generation != generation) {
                return;
            }
            Instant now = timer.instant();
            next = new Due(tracker, now.plusSeconds(Math.max(1, tracker.target.check().intervalSeconds())),
                    ++tracker.generation);
            start = !tracker.running;
            if (start) {
                tracker.running = true;
                tracker.lastStart = now;
            }
        } finally {
            lock.unlock();
        }
        schedule(next);
        if (start) {
            try {
                executor.execute(() -> check(tracker));
            } catch (RuntimeException e) {
                LOG.warn("a health check could not start: {}", e.toString());
                finish(tracker);
            }
        }
    }

    private void check(Tracker tracker) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(tracker);
            return;
        }
        try {
            HealthStatus started = null;
            CheckedTarget target;
            lock.lock();
            try {
                if (tracker.removed) {
                    return;
                }
                HealthCounter checking = tracker.counter.checking();
                if (!checking.status().equals(tracker.counter.status())) {
                    started = checking.status();
                }
                tracker.counter = checking;
                target = tracker.target;
            } finally {
                lock.unlock();
            }
            if (started != null) {
                observer.changed(target.key(), started);
            }
            HealthCheckResult result = probe(target);
            HealthStatus changed = null;
            lock.lock();
            try {
                if (tracker.removed) {
                    return;
                }
                TargetGroupHealthCheck check = tracker.target.check();
                HealthCounter next = tracker.counter.next(result, check.healthyThresholdCount(),
                        check.unhealthyThresholdCount());
                if (!next.status().equals(tracker.counter.status())) {
                    changed = next.status();
                }
                tracker.counter = next;
            } finally {
                lock.unlock();
            }
            if (changed != null) {
                observer.changed(target.key(), changed);
            }
        } finally {
            permits.release();
            finish(tracker);
        }
    }

    private HealthCheckResult probe(CheckedTarget target) {
        TargetGroupHealthCheck check = target.check();
        try {
            return probe.check(target.host(), target.checkPort(), check.path(),
                    Duration.ofSeconds(Math.max(1, check.timeoutSeconds())), SuccessCodes.parse(check.matcher()));
        } catch (RuntimeException e) {
            LOG.warn("a health check of {} failed unexpectedly: {}", target.key(), e.toString());
            return HealthCheckResult.FAILED;
        }
    }

    private void finish(Tracker tracker) {
        lock.lock();
        try {
            tracker.running = false;
        } finally {
            lock.unlock();
        }
    }
}
