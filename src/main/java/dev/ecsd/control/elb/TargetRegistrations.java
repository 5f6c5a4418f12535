package dev.ecsd.control.elb;

import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What registering and deregistering a target means for the stored state. RegisterTargets and ECS services use the
 * same two functions, so a target registered by either behaves the same.
 */
public final class TargetRegistrations {
    public static final String REGISTRATION_IN_PROGRESS = "Elb.RegistrationInProgress";
    public static final String REGISTRATION_IN_PROGRESS_DESCRIPTION = "Target registration is in progress";

    private TargetRegistrations() {
    }

    /**
     * Registers a target. A target already registered keeps its health; one that is draining is registered again,
     * as ELBv2 does, and starts over as {@code initial}.
     */
    public static Target register(Transaction transaction, TargetGroup group, String id, int port,
            String availabilityZone, String taskArn) {
        Optional<Target> existing = transaction.find(Kind.TARGET, Target.key(group.targetGroupArn(), id, port));
        if (existing.isPresent() && !existing.get().isDraining()) {
            if (taskArn == null || taskArn.equals(existing.get().taskArn())) {
                return existing.get();
            }
            // the address is the task's now (a user registered it, or a task long gone had the same port): the task
            // takes the registration over, health and all, so that it finds its target
            Target current = existing.get();
            return transaction.put(Kind.TARGET, new Target(current.targetGroupArn(), id, port, availabilityZone,
                    current.state(), current.reason(), current.description(), current.registeredAt(), null, taskArn));
        }
        Instant now = transaction.now();
        return transaction.put(Kind.TARGET, new Target(group.targetGroupArn(), id, port, availabilityZone,
                TargetHealthState.INITIAL, REGISTRATION_IN_PROGRESS, REGISTRATION_IN_PROGRESS_DESCRIPTION, now, null,
                taskArn));
    }

    /**
     * Deregisters a target: it drains until the group's deregistration delay ends, then is gone. Even with a delay
     * of zero it is only marked draining here: the target group controller forgets it once the load balancer has
     * stopped routing to it, so that the task it belongs to is never stopped while requests may still reach it.
     * Deregistering a target that is not registered (or already draining) does nothing.
     *
     * @return the target as it now is (draining), or empty when it was never registered
     */
    public static Optional<Target> deregister(Transaction transaction, TargetGroup group, String id, int port) {
        String key = Target.key(group.targetGroupArn(), id, port);
        Optional<Target> existing = transaction.find(Kind.TARGET, key);
        if (existing.isEmpty() || existing.get().isDraining()) {
            return existing;
        }
        int delay = Math.max(0, group.deregistrationDelaySeconds());
        return Optional.of(transaction.put(Kind.TARGET, existing.get().draining(transaction.now().plusSeconds(delay))));
    }

    public static List<Target> targetsOf(Snapshot state, String targetGroupArn) {
        return state.indexed(Kind.TARGET, targetGroupArn).toList();
    }
}
