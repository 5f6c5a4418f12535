package dev.ecsd.metrics;

/**
 * What a bucket (or a period made of buckets) holds: a statistic set, plus the histogram of its raw values while
 * every datum merged into it came with values. One datum given only as a statistic set takes the percentiles away
 * from the whole bucket, as in CloudWatch; a negative value does too.
 */
final class BucketStatistics {
    double sampleCount;
    double sum;
    double minimum = Double.POSITIVE_INFINITY;
    double maximum = Double.NEGATIVE_INFINITY;
    /** Null once some datum came without values. */
    ValueHistogram values = ValueHistogram.empty();

    BucketStatistics() {
    }

    BucketStatistics(double sampleCount, double sum, double minimum, double maximum, ValueHistogram values) {
        this.sampleCount = sampleCount;
        this.sum = sum;
        this.minimum = minimum;
        this.maximum = maximum;
        this.values = values;
    }

    /** A datum's statistics; a statistic set with one sample or with minimum = maximum still gives its values. */
    static BucketStatistics of(MetricDatum datum) {
        ValueHistogram histogram;
        if (!datum.values().isEmpty()) {
            histogram = ValueHistogram.empty();
            for (double value : datum.values()) {
                histogram.add(value, 1);
            }
        } else if (datum.sampleCount() == 1 || datum.minimum() == datum.maximum()) {
            histogram = ValueHistogram.of(datum.minimum(), datum.sampleCount());
        } else {
            histogram = null;
        }
        return new BucketStatistics(datum.sampleCount(), datum.sum(), datum.minimum(), datum.maximum(), histogram);
    }

    void merge(BucketStatistics other) {
        sampleCount += other.sampleCount;
        sum += other.sum;
        minimum = Math.min(minimum, other.minimum);
        maximum = Math.max(maximum, other.maximum);
        if (values != null && other.values != null) {
            values.addAll(other.values);
        } else {
            values = null;
        }
    }

    /** Whether percentiles can be computed: raw values of every datum, none negative. */
    boolean hasPercentiles() {
        return values != null && values.size() > 0 && minimum >= 0;
    }
}
