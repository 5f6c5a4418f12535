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
            return existing.get();
        }
        Instant now = transaction.now();
        return transaction.put(Kind.TARGET, new Target(group.targetGroupArn(), id, port, availabilityZone,
                TargetHealthState.INITIAL, REGISTRATION_IN_PROGRESS, REGISTRATION_IN_PROGRESS_DESCRIPTION, now, null,
                taskArn));
    }

    /**
     * Deregisters a target: it drains until the group's deregistration delay ends, then is gone. A delay of zero
     * removes it at once. Deregistering a target that is not registered (or already draining) does nothing.
     *
     * @return the target as it now is (draining), or empty when it was removed or was never registered
     */
    public static Optional<Target> deregister(Transaction transaction, TargetGroup group, String id, int port) {
        String key = Target.key(group.targetGroupArn(), id, port);
        Optional<Target> existing = transaction.find(Kind.TARGET, key);
        if (existing.isEmpty() || existing.get().isDraining()) {
            return existing;
        }
        int delay = group.deregistrationDelaySeconds();
        if (delay <= 0) {
            transaction.delete(Kind.TARGET, key);
            return Optional.empty();
        }
        return Optional.of(transaction.put(Kind.TARGET, existing.get().draining(transaction.now().plusSeconds(delay))));
    }

    public static List<Target> targetsOf(Snapshot state, String targetGroupArn) {
        return state.indexed(Kind.TARGET, targetGroupArn).toList();
    }
}
