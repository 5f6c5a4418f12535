package dev.ecsd.control;

import dev.ecsd.model.Service;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services whose last reconcile found nothing to do, with what it read, so that the scheduler's periodic resync
 * can pass over a service none of whose inputs has changed since: it would plan the same nothing again. At 1,000
 * services of 100 tasks, re-planning every service every 10 s was the control plane's largest cost when nothing
 * changed. Inputs are the service's record, the tasks of its group (by the index entry's identity) and,
 * conservatively, every table but tasks and services: a write to any other kind (its cluster, a task definition, a
 * target group, a protection) makes every service due again. Time needs nothing here: a plan that waits on the
 * clock asks for a requeue at that instant. Every {@link #FULL_PASS_EVERY}th resync still queues every service,
 * the safety net of a periodic full pass kept at a longer period. Everything is held weakly, so that remembering
 * what a reconcile read keeps no old record or table alive.
 */
final class QuietServices {
    /** One resync in this many queues every service whatever it last read: a full pass every minute at 10 s. */
    static final int FULL_PASS_EVERY = 6;

    private record Seen(WeakReference<Service> service, WeakReference<Object> group, Tables tables) {
    }

    /** The tables of every kind but tasks and services in one snapshot, by identity, held weakly. */
    private record Tables(List<WeakReference<Object>> tables) {
        static Tables of(Snapshot state) {
            return new Tables(OTHER_KINDS.stream().map(k -> new WeakReference<>(state.tableToken(k))).toList());
        }

        boolean sameAs(Snapshot state) {
            for (int i = 0; i < OTHER_KINDS.size(); i++) {
                if (tables.get(i).get() != state.tableToken(OTHER_KINDS.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Kind<?>> OTHER_KINDS = Kind.ALL.stream()
            .filter(k -> k != Kind.TASK && k != Kind.SERVICE).toList();

    private final Map<String, Seen> quiet = new ConcurrentHashMap<>();
    /** The tables last seen, shared by every service that saw the same ones (they change rarely when all is quiet). */
    private volatile Tables latest;

    /** The reconcile of {@code service} on {@code state} found nothing to do. */
    void foundNothingToDo(Snapshot state, Service service) {
        Tables tables = latest;
        if (tables == null || !tables.sameAs(state)) {
            tables = Tables.of(state);
            latest = tables;
        }
        quiet.put(service.serviceArn(), new Seen(new WeakReference<>(service),
                new WeakReference<>(groupToken(state, service)), tables));
    }

    /** A reconcile of the service began, or ended doing something: its resyncs are due again. */
    void forget(String serviceArn) {
        quiet.remove(serviceArn);
    }

    /** Whether the last reconcile of {@code service} found nothing to do on the very inputs {@code state} has. */
    boolean unchanged(Snapshot state, Service service) {
        Seen seen = quiet.get(service.serviceArn());
        return seen != null && seen.service().get() == service
                && seen.group().get() == groupToken(state, service)
                && seen.tables().sameAs(state);
    }

    private static Object groupToken(Snapshot state, Service service) {
        return state.indexToken(Kind.TASK, Kind.groupKey(service.clusterArn(), service.taskGroup()));
    }
}
