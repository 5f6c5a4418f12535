package dev.ecsd.model.autoscaling;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource Application Auto Scaling may scale, as RegisterScalableTarget made it: for ecsd an ECS service's
 * desired count ({@code service/<cluster>/<service>}, {@code ecs:service:DesiredCount}) between min and max.
 * Keyed by {@link #key(String, String, String)}.
 */
public record ScalableTarget(
        String serviceNamespace,
        String resourceId,
        String scalableDimension,
        int minCapacity,
        int maxCapacity,
        String roleArn,
        SuspendedState suspendedState,
        Instant creationTime,
        String scalableTargetArn,
        Map<String, String> tags,
        ScalingBookkeeping bookkeeping) {

    public ScalableTarget {
        suspendedState = suspendedState == null ? SuspendedState.NONE : suspendedState;
        tags = tags == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        bookkeeping = bookkeeping == null ? ScalingBookkeeping.EMPTY : bookkeeping;
    }

    /** A target's key: namespace, resource id and dimension, which together name it in every request. */
    public static String key(String serviceNamespace, String resourceId, String scalableDimension) {
        return serviceNamespace + " " + resourceId + " " + scalableDimension;
    }

    public String key() {
        return key(serviceNamespace, resourceId, scalableDimension);
    }

    public ScalableTarget withCapacity(int newMin, int newMax) {
        return new ScalableTarget(serviceNamespace, resourceId, scalableDimension, newMin, newMax, roleArn,
                suspendedState, creationTime, scalableTargetArn, tags, bookkeeping);
    }

    public ScalableTarget withSuspendedState(SuspendedState newState) {
        return new ScalableTarget(serviceNamespace, resourceId, scalableDimension, minCapacity, maxCapacity, roleArn,
                newState, creationTime, scalableTargetArn, tags, bookkeeping);
    }

    public ScalableTarget withTags(Map<String, String> newTags) {
        return new ScalableTarget(serviceNamespace, resourceId, scalableDimension, minCapacity, maxCapacity, roleArn,
                suspendedState, creationTime, scalableTargetArn, newTags, bookkeeping);
    }

    public ScalableTarget withBookkeeping(ScalingBookkeeping newBookkeeping) {
        return new ScalableTarget(serviceNamespace, resourceId, scalableDimension, minCapacity, maxCapacity, roleArn,
                suspendedState, creationTime, scalableTargetArn, tags, newBookkeeping);
    }
}
