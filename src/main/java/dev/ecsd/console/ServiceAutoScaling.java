package dev.ecsd.console;

import dev.ecsd.model.Service;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.StepScalingConfiguration;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The service page's autoscaling: the Application Auto Scaling target of the service's desired count, its policies
 * and its recent scaling activities. Pure.
 */
public final class ServiceAutoScaling {
    static final String NAMESPACE = "ecs";
    static final String DIMENSION = "ecs:service:DesiredCount";
    /** The activities the page lists: the recent ones; the CLI has them all. */
    static final int MAX_ACTIVITIES = 10;

    private ServiceAutoScaling() {
    }

    /** The scalable target, or none ({@code registered} false) with the resource id a user would register. */
    public record View(boolean registered, String resourceId, int minCapacity, int maxCapacity, boolean suspended,
            List<PolicyRow> policies, List<ActivityRow> activities) {
    }

    /** One scaling policy: its name, type and what it tracks or steps by. */
    public record PolicyRow(String name, String type, String detail) {
    }

    /** One scaling activity, as DescribeScalingActivities shows it. */
    public record ActivityRow(String status, String description, String cause, String statusMessage,
            Instant startTime, Instant endTime) {
    }

    /** Application Auto Scaling's resource id of a service. */
    static String resourceId(String clusterName, String serviceName) {
        return "service/" + clusterName + "/" + serviceName;
    }

    static View of(Snapshot state, String clusterName, Service service) {
        String resourceId = resourceId(clusterName, service.serviceName());
        String key = ScalableTarget.key(NAMESPACE, resourceId, DIMENSION);
        ScalableTarget target = state.find(Kind.SCALABLE_TARGET, key).orElse(null);
        if (target == null) {
            return new View(false, resourceId, 0, 0, false, List.of(), List.of());
        }
        List<PolicyRow> policies = state.indexed(Kind.SCALING_POLICY, key)
                .sorted(Comparator.comparing(ScalingPolicy::policyName))
                .map(policy -> new PolicyRow(policy.policyName(), policy.policyType(), detail(policy)))
                .toList();
        // activities with not-scaled reasons are the ones DescribeScalingActivities hides unless asked for
        List<ActivityRow> activities = state.indexed(Kind.SCALING_ACTIVITY, key)
                .filter(activity -> !activity.hasNotScaledReasons())
                .sorted(Comparator.comparing(ScalingActivity::startTime, Comparator.reverseOrder()))
                .limit(MAX_ACTIVITIES)
                .map(activity -> new ActivityRow(activity.statusCode(), activity.description(), activity.cause(),
                        activity.statusMessage(), activity.startTime(), activity.endTime()))
                .toList();
        boolean suspended = target.suspendedState().dynamicScalingInSuspended()
                || target.suspendedState().dynamicScalingOutSuspended()
                || target.suspendedState().scheduledScalingSuspended();
        return new View(true, resourceId, target.minCapacity(), target.maxCapacity(), suspended, policies,
                activities);
    }

    /** What a policy does, in a few words. */
    static String detail(ScalingPolicy policy) {
        TargetTrackingConfiguration tracking = policy.targetTracking();
        if (tracking != null) {
            String metric = tracking.predefinedMetricType() != null ? tracking.predefinedMetricType()
                    : tracking.customizedMetric() != null ? tracking.customizedMetric().namespace() + " "
                            + tracking.customizedMetric().metricName() : "a metric";
            return "keeps " + metric + " at " + number(tracking.targetValue())
                    + (tracking.disableScaleIn() ? " (scale-in disabled)" : "");
        }
        StepScalingConfiguration steps = policy.stepScaling();
        if (steps != null) {
            return steps.adjustmentType() + " in " + steps.stepAdjustments().size()
                    + (steps.stepAdjustments().size() == 1 ? " step" : " steps");
        }
        return "";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
