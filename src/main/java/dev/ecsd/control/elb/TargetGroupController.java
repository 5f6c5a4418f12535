package dev.ecsd.control.elb;

import dev.ecsd.control.runtime.Controller;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.elb.ElbConfiguration;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.LoadBalancerState;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the load balancer's data plane serving what the state says, and the state saying what the data plane sees:
 * every change of an ELBv2 record is applied to the {@link TrafficPlane}; health the checks observe is written to
 * the targets; a draining target is forgotten when its deregistration delay ends, or earlier once no request is in
 * flight to it (ALB completes deregistration early then); a listener whose port cannot be bound impairs its load
 * balancer until it can.
 */
public final class TargetGroupController {
    public static final String NAME = "target-groups";
    private static final Logger LOG = LoggerFactory.getLogger(TargetGroupController.class);
    private static final String KEY = "elb";
    private static final Duration RESYNC = Duration.ofSeconds(30);
    /**
     * A draining target is kept at least this long even with nothing in flight, so that a request routed just before
     * the plane stopped choosing it has been counted.
     */
    static final Duration MINIMUM_DRAIN = Duration.ofSeconds(1);
    private static final Set<Kind<?>> KINDS = Set.of(Kind.LOAD_BALANCER, Kind.LISTENER, Kind.LISTENER_RULE,
            Kind.TARGET_GROUP, Kind.TARGET);

    private final StateStore store;
    private final TrafficPlane plane;
    private final Controller controller;
    private final Map<String, String> portFailures = new ConcurrentHashMap<>();

    public TargetGroupController(StateStore store, TrafficPlane plane, ControllerRuntime runtime) {
        this.store = store;
        this.plane = plane;
        store.subscribe(this::onChanges);
        this.controller = runtime.register(NAME, key -> reconcile(), () -> List.of(KEY), RESYNC, 1);
    }

    private void onChanges(List<Change> changes) {
        if (changes.stream().anyMatch(c -> KINDS.contains(c.kind()))) {
            controller.enqueue(KEY);
        }
    }

    private Outcome reconcile() {
        Snapshot state = store.snapshot();
        plane.apply(configuration(state));
        recoverImpaired(state);
        Instant now = store.now();
        List<Target> done = new ArrayList<>();
        Instant next = null;
        for (Target target : state.all(Kind.TARGET).filter(Target::isDraining).toList()) {
            TargetGroup group = state.find(Kind.TARGET_GROUP, target.targetGroupArn()).orElse(null);
            Instant since = target.drainingUntil().minusSeconds(group == null ? 0 : group.deregistrationDelaySeconds());
            Instant earliest = since.plus(MINIMUM_DRAIN);
            boolean idle = plane.inFlight(target.targetGroupArn(), target.id(), target.port()) == 0;
            if (!now.isBefore(target.drainingUntil()) || idle && !now.isBefore(earliest)) {
                done.add(target);
            } else {
                Instant at = idle ? earliest : target.drainingUntil();
                next = next == null || at.isBefore(next) ? at : next;
            }
        }
        if (!done.isEmpty()) {
            store.write(tx -> {
                // only the very records judged: one registered again since is not forgotten
                done.stream().filter(t -> tx.find(Kind.TARGET, t.key()).orElse(null) == t)
                        .forEach(t -> tx.delete(Kind.TARGET, t.key()));
                return null;
            });
            LOG.debug("deregistration of {} targets complete", done.size());
        }
        if (state.all(Kind.TARGET).anyMatch(Target::isDraining) && next == null) {
            // in flight requests are polled while a target drains: the plane announces no change of them
            next = now.plusSeconds(1);
        }
        return next == null ? Outcome.done() : Outcome.lookAgainAt(next.isBefore(now.plusMillis(200))
                ? now.plusMillis(200) : next);
    }

    /**
     * A load balancer stored as impaired (by an earlier run of the server) whose listeners all serve now is active
     * again: the plane binds ports while it applies, and reports only failures then.
     */
    private void recoverImpaired(Snapshot state) {
        state.all(Kind.LOAD_BALANCER).filter(lb -> !LoadBalancerState.ACTIVE.equals(lb.state()))
                .filter(lb -> state.all(Kind.LISTENER).noneMatch(l -> l.loadBalancerArn().equals(lb.loadBalancerArn())
                        && portFailures.containsKey(l.listenerArn())))
                .findFirst()
                .flatMap(lb -> state.all(Kind.LISTENER).filter(l -> l.loadBalancerArn().equals(lb.loadBalancerArn()))
                        .findFirst())
                .ifPresent(l -> listenerPort(l.listenerArn(), l.port(), null));
    }

    static ElbConfiguration configuration(Snapshot state) {
        return new ElbConfiguration(state.all(Kind.LOAD_BALANCER).toList(), state.all(Kind.LISTENER).toList(),
                state.all(Kind.LISTENER_RULE).toList(), state.all(Kind.TARGET_GROUP).toList(),
                state.all(Kind.TARGET).toList());
    }

    /** What a health check saw: written to the target unless it drains or is gone, or nothing changed. */
    public void healthChanged(String targetGroupArn, String id, int port, TargetHealthState health, String reason,
            String description) {
        store.write(tx -> {
            tx.find(Kind.TARGET, Target.key(targetGroupArn, id, port))
                    .filter(t -> !t.isDraining())
                    .filter(t -> t.state() != health || !Objects.equals(t.reason(), reason)
                            || !Objects.equals(t.description(), description))
                    .ifPresent(t -> tx.put(Kind.TARGET, t.withHealth(health, reason, description)));
            return null;
        });
    }

    /** A listener's port could not be bound ({@code failureReason}), or is bound again (null). */
    public void listenerPort(String listenerArn, int port, String failureReason) {
        if (failureReason == null) {
            portFailures.remove(listenerArn);
        } else {
            // the plane's reason names the port and why (it cannot be bound, or its protocol is not served)
            portFailures.put(listenerArn, failureReason);
        }
        store.write(tx -> {
            Listener listener = tx.find(Kind.LISTENER, listenerArn).orElse(null);
            if (listener == null) {
                return null;
            }
            ElbLoadBalancer loadBalancer = tx.find(Kind.LOAD_BALANCER, listener.loadBalancerArn()).orElse(null);
            if (loadBalancer == null) {
                return null;
            }
            String reason = tx.state().all(Kind.LISTENER)
                    .filter(l -> l.loadBalancerArn().equals(loadBalancer.loadBalancerArn()))
                    .map(l -> portFailures.get(l.listenerArn())).filter(Objects::nonNull).findFirst().orElse(null);
            LoadBalancerState wanted = reason == null ? LoadBalancerState.ACTIVE : LoadBalancerState.impaired(reason);
            if (!wanted.equals(loadBalancer.state())) {
                tx.put(Kind.LOAD_BALANCER, loadBalancer.withState(wanted));
            }
            return null;
        });
    }
}
