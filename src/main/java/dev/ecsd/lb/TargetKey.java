package dev.ecsd.lb;

import dev.ecsd.model.elb.Target;

/** One registration: a target's id and port in one target group. */
record TargetKey(String targetGroupArn, String id, int port) {

    public static TargetKey of(Target target) {
        return new TargetKey(target.targetGroupArn(), target.id(), target.port());
    }
}
