package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Forgets deleted clusters once they have been INACTIVE for longer than ECS keeps them describable. ECS says only
 * that INACTIVE clusters "may remain discoverable in your account for a period of time" and not to rely on it;
 * ecsd keeps them an hour, as it keeps stopped tasks. A cluster deleted before ecsd recorded when (an older data
 * directory) is kept until it is created again. A controller of one key, like {@link StoppedTaskReaper}.
 */
public final class InactiveClusterReaper {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    public static final String NAME = "inactive-cluster-reaper";
    private static final String KEY = "inactive-clusters";
    private static final Duration RESYNC = Duration.ofMinutes(5);

    private final StateStore store;
    private final Duration retention;

    public InactiveClusterReaper(StateStore store, Duration retention, ControllerRuntime runtime) {
        this.store = store;
        this.retention = retention;
        runtime.register(NAME, key -> reap(), () -> List.of(KEY), RESYNC, 1);
    }

    private Outcome reap() {
        Instant cutoff = store.now().minus(retention);
        List<Cluster> expired = store.snapshot().all(Kind.CLUSTER).filter(c -> expired(c, cutoff)).toList();
        if (!expired.isEmpty()) {
            store.write(tx -> {
                // checked again under the writer lock: a cluster created again since is ACTIVE and stays
                expired.forEach(c -> tx.find(Kind.CLUSTER, c.clusterArn()).filter(now -> expired(now, cutoff))
                        .ifPresent(now -> tx.delete(Kind.CLUSTER, now.clusterArn())));
                return null;
            });
        }
        Optional<Instant> next = store.snapshot().all(Kind.CLUSTER).map(Cluster::deletedAt)
                .filter(at -> at != null).min(Comparator.naturalOrder());
        return next.map(at -> Outcome.lookAgainAt(at.plus(retention))).orElse(Outcome.done());
    }

    private static boolean expired(Cluster cluster, Instant cutoff) {
        return cluster.status() == ClusterStatus.INACTIVE && cluster.deletedAt() != null
                && !cluster.deletedAt().isAfter(cutoff);
    }
}
