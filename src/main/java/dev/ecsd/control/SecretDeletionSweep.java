package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Purges Secrets Manager secrets whose recovery window has passed: a controller of one key, run at every resync. */
public final class SecretDeletionSweep {
    public static final String NAME = "secret-deletion";
    public static final Duration EVERY = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SecretDeletionSweep.class);

    private SecretDeletionSweep() {
    }

    public static void register(ControllerRuntime runtime, StateStore store) {
        runtime.register(NAME, key -> {
            int purged = purge(store);
            if (purged > 0) {
                LOG.info("deleted {} secrets whose recovery window ended", purged);
            }
            return Outcome.done();
        }, () -> List.of("secrets"), EVERY, 1);
    }

    /** Deletes every secret whose deletion date has come; answers how many. */
    public static int purge(StateStore store) {
        Instant now = store.now();
        List<String> due = store.snapshot().all(Kind.SECRET)
                .filter(secret -> secret.deletionDate() != null && !secret.deletionDate().isAfter(now))
                .map(Secret::arn).toList();
        if (due.isEmpty()) {
            return 0;
        }
        return store.write(tx -> {
            int deleted = 0;
            for (String arn : due) {
                if (tx.find(Kind.SECRET, arn).map(s -> s.deletionDate() != null
                        && !s.deletionDate().isAfter(tx.now())).orElse(false)) {
                    tx.delete(Kind.SECRET, arn);
                    deleted++;
                }
            }
            return deleted;
        });
    }
}
