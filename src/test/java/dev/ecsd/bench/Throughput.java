package dev.ecsd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs concurrent workers in a loop, first to warm up, then for a measured period, and sums up what they did. */
final class Throughput {
    /** One operation of one worker; it returns only once it is acknowledged. */
    interface Operation {
        void run(int worker, long sequence) throws Exception;
    }

    /**
     * What the workers did: operations completed in the measured period, per second, with their latencies;
     * {@code allOperations} also counts the warm-up.
     */
    record Result(int workers, long operations, double perSecond, double p50Millis, double p99Millis,
            long allOperations) {
    }

    private Throughput() {
    }

    static Result measure(int workers, Duration warmUp, Duration period, Operation operation) throws Exception {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long until = measureFrom + period.toNanos();
        long[][] latencies = new long[workers][];
        long[] all = new long[workers];
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            int self = worker;
            threads.add(Thread.ofPlatform().name("bench-worker-" + worker).start(() -> {
                long[] mine = new long[4096];
                int count = 0;
                long sequence = 0;
                try {
                    for (long started = System.nanoTime(); started < until && failure.get() == null;
                            started = System.nanoTime()) {
                        operation.run(self, sequence++);
                        long took = System.nanoTime() - started;
                        if (started >= measureFrom) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = took;
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
                latencies[self] = Arrays.copyOf(mine, count);
                all[self] = sequence;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        long[] merged = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(workers, merged.length, merged.length / (period.toNanos() / 1e9),
                percentile(merged, 0.50), percentile(merged, 0.99), Arrays.stream(all).sum());
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static String header() {
        return String.format("%-34s %7s %10s %8s %8s %10s", "", "writers", "acked/s", "p50 ms", "p99 ms", "per commit");
    }

    static String row(String name, Result result, String perCommit) {
        return String.format("%-34s %7d %10.0f %8.2f %8.2f %10s", name, result.workers(), result.perSecond(),
                result.p50Millis(), result.p99Millis(), perCommit);
    }
}
