package dev.ecsd.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Latencies of one kind of call in one phase of a benchmark, summed up as p50, p99 and max. Thread-safe. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    synchronized void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized int count() {
        return count;
    }

    /** "n=…, p50 … ms, p99 … ms, max … ms", or "no calls". */
    synchronized String summary() {
        if (count == 0) {
            return "no calls";
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return String.format("n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms", count, millis(percentile(sorted, 0.50)),
                millis(percentile(sorted, 0.99)), millis(sorted[count - 1]));
    }

    private static long percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
