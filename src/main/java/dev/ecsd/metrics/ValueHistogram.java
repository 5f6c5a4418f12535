package dev.ecsd.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The raw values of a bucket as distinct values with their counts, sorted by value, from which percentiles are
 * computed. Exact while it holds at most {@link #MAX_ENTRIES} distinct values; past that it is compressed into
 * entries of about equal weight (each the weighted mean of the values it replaces), so a bucket stays a few
 * kilobytes however many values it is sent, at the cost of percentiles becoming estimates.
 */
public final class ValueHistogram {
    public static final int MAX_ENTRIES = 512;
    private static final int COMPRESSED_ENTRIES = MAX_ENTRIES / 2;
    private static final double[] NONE = new double[0];

    private double[] values;
    private double[] counts;
    private int size;

    private ValueHistogram(double[] values, double[] counts, int size) {
        this.values = values;
        this.counts = counts;
        this.size = size;
    }

    public static ValueHistogram empty() {
        return new ValueHistogram(new double[8], new double[8], 0);
    }

    /** A histogram of one value seen {@code count} times. */
    public static ValueHistogram of(double value, double count) {
        ValueHistogram histogram = empty();
        histogram.add(value, count);
        return histogram;
    }

    public int size() {
        return size;
    }

    public double totalCount() {
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += counts[i];
        }
        return total;
    }

    /** Adds a value seen {@code count} times. */
    public void add(double value, double count) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            counts[at] += count;
            return;
        }
        int insertAt = -at - 1;
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(values, insertAt, values, insertAt + 1, size - insertAt);
        System.arraycopy(counts, insertAt, counts, insertAt + 1, size - insertAt);
        values[insertAt] = value;
        counts[insertAt] = count;
        size++;
        if (size > MAX_ENTRIES) {
            compress();
        }
    }

    /** Adds every value of {@code other}. */
    public void addAll(ValueHistogram other) {
        if (size == 0 && other.size <= MAX_ENTRIES) {
            values = Arrays.copyOf(other.values, Math.max(8, other.size));
            counts = Arrays.copyOf(other.counts, Math.max(8, other.size));
            size = other.size;
            return;
        }
        for (int i = 0; i < other.size; i++) {
            add(other.values[i], other.counts[i]);
        }
    }

    /** The value at percentile {@code p} (0-100) by nearest rank; NaN when empty. */
    public double percentile(double p) {
        double total = totalCount();
        if (size == 0 || total <= 0) {
            return Double.NaN;
        }
        double rank = Math.max(Math.ceil(p / 100 * total), 1);
        double seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (seen >= rank - 1e-9) {
                return values[i];
            }
        }
        return values[size - 1];
    }

    /**
     * The values, each repeated by its count, sorted — or, past {@code limit} values, {@code limit} values taken
     * at evenly spaced ranks, so that a percentile by nearest rank over them is close to the histogram's own.
     */
    public double[] sortedValues(int limit) {
        if (size == 0) {
            return NONE;
        }
        double total = totalCount();
        long whole = Math.round(total);
        if (total <= limit && Math.abs(total - whole) < 1e-9 && allWhole()) {
            double[] expanded = new double[(int) whole];
            int at = 0;
            for (int i = 0; i < size; i++) {
                for (long n = Math.round(counts[i]); n > 0; n--) {
                    expanded[at++] = values[i];
                }
            }
            return expanded;
        }
        // One pass: the i-th sample is the value at rank ceil((i + 1) / limit × total), as percentile() finds it.
        double[] sample = new double[limit];
        int entry = 0;
        double seen = counts[0];
        for (int i = 0; i < limit; i++) {
            double rank = Math.max(Math.ceil((i + 1) * total / limit), 1);
            while (seen < rank - 1e-9 && entry < size - 1) {
                entry++;
                seen += counts[entry];
            }
            sample[i] = values[entry];
        }
        return sample;
    }

    private boolean allWhole() {
        for (int i = 0; i < size; i++) {
            if (counts[i] != Math.rint(counts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Merges neighbouring entries into about {@link #COMPRESSED_ENTRIES} of equal weight. */
    private void compress() {
        double total = totalCount();
        double perEntry = total / COMPRESSED_ENTRIES;
        double[] newValues = new double[MAX_ENTRIES + 1];
        double[] newCounts = new double[MAX_ENTRIES + 1];
        int newSize = 0;
        double weightedSum = 0;
        double count = 0;
        for (int i = 0; i < size; i++) {
            weightedSum += values[i] * counts[i];
            count += counts[i];
            boolean last = i == size - 1;
            if (count >= perEntry || last) {
                double mean = weightedSum / count;
                if (newSize > 0 && newValues[newSize - 1] == mean) {
                    newCounts[newSize - 1] += count;
                } else {
                    newValues[newSize] = mean;
                    newCounts[newSize] = count;
                    newSize++;
                }
                weightedSum = 0;
                count = 0;
            }
        }
        values = newValues;
        counts = newCounts;
        size = newSize;
    }

    /** The histogram as bytes: pairs of (value, count) as big-endian doubles. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(size * 16);
        for (int i = 0; i < size; i++) {
            buffer.putDouble(values[i]).putDouble(counts[i]);
        }
        return buffer.array();
    }

    public static ValueHistogram decode(byte[] bytes) {
        int size = bytes.length / 16;
        double[] values = new double[Math.max(8, size)];
        double[] counts = new double[Math.max(8, size)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int i = 0; i < size; i++) {
            values[i] = buffer.getDouble();
            counts[i] = buffer.getDouble();
        }
        return new ValueHistogram(values, counts, size);
    }
}
