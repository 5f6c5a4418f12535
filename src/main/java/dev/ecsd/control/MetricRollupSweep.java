package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.metrics.SqliteMetricStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls aged metric data into coarser resolutions and expires the oldest, as CloudWatch does: a controller of one
 * key, run at every resync. Every five minutes keeps one-second data within a few minutes of its three hours.
 */
public final class MetricRollupSweep {
    public static final String NAME = "metric-rollup";
    public static final Duration EVERY = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(MetricRollupSweep.class);

    private MetricRollupSweep() {
    }

    public static void register(ControllerRuntime runtime, SqliteMetricStore metrics) {
        runtime.register(NAME, key -> {
            int handled = metrics.rollUp();
            if (handled > 0) {
                LOG.debug("rolled up or expired {} metric buckets", handled);
            }
            return Outcome.done();
        }, () -> List.of("metric-buckets"), EVERY, 1);
    }
}
