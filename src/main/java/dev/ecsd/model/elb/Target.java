package dev.ecsd.model.elb;

import java.time.Instant;

/**
 * A target registered in a target group: its id (an IP address or instance id) and port, its health as the
 * checks last saw it, and — while it drains — when the deregistration delay ends. {@code taskArn} is ecsd's own
 * bookkeeping: the ECS task that registered it, if one did (it is not on the ELBv2 wire).
 */
public record Target(String targetGroupArn, String id, int port, String availabilityZone, TargetHealthState state,
        String reason, String description, Instant registeredAt, Instant drainingUntil, String taskArn) {

    /** The store's key of a registration: a target is one id and port in one group. */
    public static String key(String targetGroupArn, String id, int port) {
        return targetGroupArn + " " + id + " " + port;
    }

    public String key() {
        return key(targetGroupArn, id, port);
    }

    public boolean isDraining() {
        return state == TargetHealthState.DRAINING;
    }

    public Target withHealth(TargetHealthState newState, String newReason, String newDescription) {
        return new Target(targetGroupArn, id, port, availabilityZone, newState, newReason, newDescription,
                registeredAt, drainingUntil, taskArn);
    }

    public Target draining(Instant until) {
        return new Target(targetGroupArn, id, port, availabilityZone, TargetHealthState.DRAINING,
                "Target.DeregistrationInProgress", "Target deregistration is in progress", registeredAt, until, taskArn);
    }
}
