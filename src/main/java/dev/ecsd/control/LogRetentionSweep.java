package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.logs.SqliteLogStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expires log events past their group's retention: a controller of one key, run at every resync. */
public final class LogRetentionSweep {
    public static final String NAME = "log-retention";
    public static final Duration EVERY = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(LogRetentionSweep.class);

    private LogRetentionSweep() {
    }

    public static void register(ControllerRuntime runtime, SqliteLogStore logs) {
        runtime.register(NAME, key -> {
            int deleted = logs.expireEvents();
            if (deleted > 0) {
                LOG.info("expired {} log events past their group's retention", deleted);
            }
            return Outcome.done();
        }, () -> List.of("log-events"), EVERY, 1);
    }
}
