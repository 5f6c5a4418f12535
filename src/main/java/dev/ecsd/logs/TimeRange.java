package dev.ecsd.logs;

/** Event timestamps from {@code start} (inclusive) to {@code end} (exclusive), as CloudWatch Logs reads them. */
public record TimeRange(long start, long end) {
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    /** The range a request's optional startTime and endTime describe. */
    public static TimeRange of(Long startTime, Long endTime) {
        return new TimeRange(startTime == null ? Long.MIN_VALUE : startTime,
                endTime == null ? Long.MAX_VALUE : endTime);
    }
}
