package dev.ecsd.control.metrics;

import dev.ecsd.channel.TaskUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The control plane's memory of what agents measured: each task's recent usage samples, kept for {@code keep} and
 * never stored, since a sample is only of use to the metric period it falls in. A sample counts for the period in
 * which it arrives, on the control plane's clock, so that a period published at its end has every sample that
 * arrived before it, whatever the engine's clock says.
 */
public final class TaskUsageBoard implements Consumer<TaskUsage> {
    private static final int MAX_SAMPLES_PER_TASK = 1000;

    /**
     * A sample as it arrived, reduced to what a period's mean needs: the report itself (its containers, its own
     * instant) is not kept, as it cost ~170 bytes a sample, ~1 KB a running task, 100 MiB at 100,000 tasks.
     */
    record Received(long atNanos, double cpuUnits, double memoryMiB) {
        static long nanos(Instant instant) {
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano(); // exact until 2262
        }

        boolean before(Instant instant) {
            return atNanos < nanos(instant);
        }
    }

    /** A task's mean usage over the samples of one period. */
    public record TaskLoad(double cpuUnits, double memoryMiB, int samples) {
    }

    private final InstantSource clock;
    private final Duration keep;
    private final Map<String, Deque<Received>> byTask = new ConcurrentHashMap<>();

    public TaskUsageBoard(InstantSource clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    public void accept(TaskUsage usage) {
        Instant now = clock.instant();
        // added within compute, so that forgetBefore cannot drop the task's deque between its lookup and the add
        byTask.compute(usage.taskArn(), (arn, held) -> {
            Deque<Received> samples = held != null ? held : new ArrayDeque<>();
            synchronized (samples) {
                samples.addLast(new Received(Received.nanos(now), usage.cpuUnits(), usage.memoryMiB()));
                Instant cutoff = now.minus(keep);
                while (samples.size() > MAX_SAMPLES_PER_TASK || samples.getFirst().before(cutoff)) {
                    samples.removeFirst();
                }
            }
            return samples;
        });
    }

    /** Each task's mean usage over the samples that arrived in {@code [start, end)}; tasks with none are absent. */
    public Map<String, TaskLoad> loads(Instant start, Instant end) {
        Map<String, TaskLoad> loads = new HashMap<>();
        byTask.forEach((taskArn, samples) -> {
            double cpu = 0;
            double memory = 0;
            int count = 0;
            synchronized (samples) {
                for (Received sample : samples) {
                    if (!sample.before(start) && sample.before(end)) {
                        cpu += sample.cpuUnits();
                        memory += sample.memoryMiB();
                        count++;
                    }
                }
            }
            if (count > 0) {
                loads.put(taskArn, new TaskLoad(cpu / count, memory / count, count));
            }
        });
        return loads;
    }

    /** Forgets every sample that arrived before {@code cutoff}, and the tasks left with none. */
    public void forgetBefore(Instant cutoff) {
        for (String taskArn : byTask.keySet()) {
            byTask.computeIfPresent(taskArn, (arn, samples) -> {
                synchronized (samples) {
                    while (!samples.isEmpty() && samples.getFirst().before(cutoff)) {
                        samples.removeFirst();
                    }
                    return samples.isEmpty() ? null : samples;
                }
            });
        }
    }
}
