package dev.ecsd.control.elb;

import dev.ecsd.control.runtime.Controller;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.elb.ElbConfiguration;
import dev.ecsd.model.elb.ElbLoadBalancer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
        loadBalancerStates(state, plane.listenerFailures());
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
     * Each load balancer's state, as its listeners are now: {@code active_impaired} with the reason of the first
     * listener that is not listening, else {@code active}. Read from the plane on every pass, so that a report the
     * plane made while nobody listened, or the order reports came in, changes nothing.
     */
    private void loadBalancerStates(Snapshot state, Map<String, String> failures) {
        Map<String, LoadBalancerState> wanted = new HashMap<>();
        for (ElbLoadBalancer loadBalancer : state.all(Kind.LOAD_BALANCER).toList()) {
            String reason = state.all(Kind.LISTENER)
                    .filter(l -> l.loadBalancerArn().equals(loadBalancer.loadBalancerArn()))
                    .map(l -> failures.get(l.listenerArn())).filter(Objects::nonNull).findFirst().orElse(null);
            LoadBalancerState next = reason == null ? LoadBalancerState.ACTIVE : LoadBalancerState.impaired(reason);
            if (!next.equals(loadBalancer.state())) {
                wanted.put(loadBalancer.loadBalancerArn(), next);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        store.write(tx -> {
            wanted.forEach((arn, next) -> tx.find(Kind.LOAD_BALANCER, arn)
                    .filter(lb -> !next.equals(lb.state()))
                    .ifPresent(lb -> tx.put(Kind.LOAD_BALANCER, lb.withState(next))));
            return null;
        });
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

    /** A listener's port could not be bound, or is bound again: the next pass reads the plane's listeners. */
    public void listenerPort(String listenerArn, int port, String failureReason) {
        controller.enqueue(KEY);
    }
}
