package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime.ContainerStats;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskUsage;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the agent's running tasks: every {@code every} on the agent's timer, one round reads the stats of each
 * RUNNING container of each RUNNING task through the runtime and sends each task's {@link TaskUsage} up the channel.
 *
 * <p>A round runs on its own virtual thread with at most {@code maxInFlight} stats calls at once (as many reader
 * threads), and a round that
 * is due while the last one still runs is skipped, not queued: a slow engine costs samples, never a pile of calls.
 * CPU is the container's cumulative CPU time between two samples of this sampler divided by the time between them,
 * so each sample is the average since the last one, not a one-second glimpse; a container's first sample takes the
 * runtime's own short-window figure.
 */
final class UsageSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSampler.class);
    private static final double CPU_UNITS_PER_CORE = 1024;
    private static final double BYTES_PER_MIB = 1024 * 1024;

    private final ContainerRuntime runtime;
    private final Timer timer;
    private final AgentChannel channel;
    private final Supplier<Collection<TaskAssignment>> assignments;
    private final Duration every;
    private final int maxInFlight;
    private final Map<String, ContainerStats> lastSamples = new ConcurrentHashMap<>();
    private final AtomicBoolean roundRunning = new AtomicBoolean();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong skippedRounds = new AtomicLong();
    private volatile boolean closed;
    private volatile Timer.Scheduled next;

    UsageSampler(ContainerRuntime runtime, Timer timer, AgentChannel channel,
            Supplier<Collection<TaskAssignment>> assignments, Duration every, int maxInFlight) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the sampling interval is positive: " + every);
        }
        this.runtime = runtime;
        this.timer = timer;
        this.channel = channel;
        this.assignments = assignments;
        this.every = every;
        this.maxInFlight = maxInFlight;
    }

    /** Samples every interval from now on, the first time one interval from now. */
    void start() {
        next = timer.scheduleAfter(every, this::tick);
    }

    /** Rounds completed. */
    long rounds() {
        return rounds.get();
    }

    /** Rounds skipped because the one before was still running. */
    long skippedRounds() {
        return skippedRounds.get();
    }

    /** On the timer's thread: starts a round unless one is running, and schedules the next; quick. */
    private void tick() {
        if (closed) {
            return;
        }
        if (roundRunning.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ecsd-usage-sampler").start(() -> {
                try {
                    sampleRound();
                } catch (RuntimeException e) {
                    LOG.warn("a usage sampling round failed: {}", e.toString());
                } finally {
                    roundRunning.set(false);
                }
            });
        } else {
            skippedRounds.incrementAndGet();
        }
        next = timer.scheduleAfter(every, this::tick);
    }

    /** One round, on the calling thread: reads every running container, reports every task that has a sample. */
    void sampleRound() {
        List<Task> tasks = assignments.get().stream()
                .filter(a -> !a.isRemoval() && a.task().lastStatus() == TaskStatus.RUNNING
                        && a.task().desiredStatus() == DesiredStatus.RUNNING)
                .map(TaskAssignment::task).toList();
        List<Measurement> measurements = new ArrayList<>();
        Set<String> sampled = new HashSet<>();
        for (Task task : tasks) {
            for (TaskContainer container : Lists.orEmpty(task.containers())) {
                if (container.runtimeId() == null || container.lastStatus() != ContainerStatus.RUNNING) {
                    continue;
                }
                measurements.add(new Measurement(task.taskArn(), container.name(), container.runtimeId()));
                sampled.add(container.runtimeId());
            }
        }
        // maxInFlight readers take the measurements in turn: as many stats calls at once as a thread per call under
        // a semaphore made, without a thread (and its stack) per container: 100,000 a round at 100,000 tasks.
        AtomicInteger taken = new AtomicInteger();
        int readers = Math.min(maxInFlight, measurements.size());
        CountDownLatch done = new CountDownLatch(readers);
        for (int i = 0; i < readers; i++) {
            Thread.ofVirtual().name("ecsd-usage-reader").start(() -> {
                try {
                    for (int next = taken.getAndIncrement(); next < measurements.size(); next = taken.getAndIncrement()) {
                        read(measurements.get(next));
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        // every reader ended means every read has ended (and its result is visible)
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        lastSamples.keySet().retainAll(sampled);
        report(measurements);
        rounds.incrementAndGet();
    }

    private void read(Measurement measurement) {
        try {
            measurement.stats = runtime.stats(measurement.runtimeId);
        } catch (RuntimeFailure e) {
            LOG.debug("no stats for container {}: {}", measurement.runtimeId, e.getMessage());
        } catch (RuntimeException e) {
            // the reader goes on with the next container, as the other containers' own calls did
            LOG.warn("the stats of container {} failed: {}", measurement.runtimeId, e.toString());
        }
    }

    private void report(List<Measurement> measurements) {
        Map<String, List<TaskUsage.ContainerUsage>> byTask = new LinkedHashMap<>();
        Map<String, Instant> sampledAt = new HashMap<>();
        for (Measurement measurement : measurements) {
            if (measurement.stats == null || measurement.stats.isEmpty()) {
                continue;
            }
            ContainerStats now = measurement.stats.get();
            ContainerStats before = lastSamples.put(measurement.runtimeId, now);
            byTask.computeIfAbsent(measurement.taskArn, arn -> new ArrayList<>()).add(new TaskUsage.ContainerUsage(
                    measurement.containerName, cpuPercentOfOneCore(before, now) / 100 * CPU_UNITS_PER_CORE,
                    now.memoryBytes() / BYTES_PER_MIB));
            sampledAt.merge(measurement.taskArn, now.readAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        byTask.forEach((taskArn, containers) -> {
            try {
                channel.reportUsage(new TaskUsage(taskArn, sampledAt.get(taskArn), containers));
            } catch (RuntimeException e) {
                LOG.debug("the usage of {} was not delivered: {}", taskArn, e.toString());
            }
        });
    }

    /**
     * The CPU a container used between two samples, 100 being one core busy all the time: from its cumulative CPU
     * time when both samples have it, else the runtime's own figure of the newer one.
     */
    static double cpuPercentOfOneCore(ContainerStats before, ContainerStats now) {
        if (before != null && before.cpuTotalNanos() >= 0 && now.cpuTotalNanos() >= before.cpuTotalNanos()
                && now.readAt().isAfter(before.readAt())) {
            long elapsed = Duration.between(before.readAt(), now.readAt()).toNanos();
            return (now.cpuTotalNanos() - before.cpuTotalNanos()) * 100.0 / elapsed;
        }
        return now.cpuPercentOfOneCore();
    }

    @Override
    public void close() {
        closed = true;
        Timer.Scheduled scheduled = next;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    /** One container's stats call of a round. */
    private static final class Measurement {
        final String taskArn;
        final String containerName;
        final String runtimeId;
        volatile Optional<ContainerStats> stats;

        Measurement(String taskArn, String containerName, String runtimeId) {
            this.taskArn = taskArn;
            this.containerName = containerName;
            this.runtimeId = runtimeId;
        }
    }
}
