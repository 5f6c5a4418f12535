package dev.ecsd.api.autoscaling;

import dev.ecsd.api.Pages;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.control.autoscaling.TargetTrackingAlarms;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.autoscaling.PolicyAlarm;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.StepScalingConfiguration;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;

/**
 * PutScalingPolicy (create or replace; a target tracking policy's two alarms are written in the same transaction),
 * DescribeScalingPolicies and DeleteScalingPolicy (with the alarms it owns and its pending alarm actions).
 */
final class ScalingPolicyOperations {
    /** AWS's quota of scaling policies per scalable target. */
    static final int MAX_POLICIES = 50;

    private final StateStore store;
    private final ServiceScaling scaling;
    private final AutoScalingArns arns;
    private final Arns ecsArns;
    private final Supplier<String> ids;

    ScalingPolicyOperations(StateStore store, ServiceScaling scaling, AutoScalingArns arns, Supplier<String> ids) {
        this.store = store;
        this.scaling = scaling;
        this.arns = arns;
        this.ecsArns = arns.arns();
        this.ids = ids;
    }

    PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest request) {
        String name = request.policyName();
        AutoScalingRequests.name(name, "policyName");
        String type = request.policyTypeAsString() == null ? ScalingPolicy.STEP_SCALING : request.policyTypeAsString();
        TargetTrackingConfiguration targetTracking = null;
        StepScalingConfiguration stepScaling = null;
        switch (type) {
            case ScalingPolicy.TARGET_TRACKING ->
                    targetTracking = PolicyConfigurations.targetTracking(
                            request.targetTrackingScalingPolicyConfiguration());
            case ScalingPolicy.STEP_SCALING ->
                    stepScaling = PolicyConfigurations.stepScaling(request.stepScalingPolicyConfiguration());
            case "PredictiveScaling" -> throw AutoScalingRequests.validation("PredictiveScaling policies are not "
                    + "supported by ecsd: use TargetTrackingScaling or StepScaling.");
            default -> throw AutoScalingRequests.constraint(type, "policyType",
                    "Member must satisfy enum value set: [PredictiveScaling, StepScaling, TargetTrackingScaling]");
        }
        TargetTrackingConfiguration tracking = targetTracking;
        StepScalingConfiguration steps = stepScaling;
        ScalingPolicy written = store.write(tx -> {
            ScalableTarget target = AutoScalingRequests.target(tx.state(), scaling,
                    request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString());
            Optional<ScalingPolicy> existing = find(tx.state(), target, name);
            if (existing.isEmpty() && tx.state().indexed(Kind.SCALING_POLICY, target.key()).count() >= MAX_POLICIES) {
                throw new ApiException(ErrorType.LIMIT_EXCEEDED, "A scalable target can have at most "
                        + MAX_POLICIES + " scaling policies.");
            }
            String arn = existing.map(ScalingPolicy::policyArn).orElseGet(() -> arns.scalingPolicy(ids.get(),
                    target.serviceNamespace(), target.resourceId(), name));
            ScalingPolicy policy = new ScalingPolicy(arn, name, target.serviceNamespace(), target.resourceId(),
                    target.scalableDimension(), type, tracking, steps, List.of(),
                    existing.map(ScalingPolicy::creationTime).orElse(tx.now()));
            return tx.put(Kind.SCALING_POLICY, withAlarms(tx, policy, existing.orElse(null)));
        });
        return PutScalingPolicyResponse.builder().policyARN(written.policyArn())
                .alarms(AutoScalingMapper.alarms(written.alarms())).build();
    }

    /**
     * A target tracking policy with its alarms written: a replaced policy's alarms keep their names (and status),
     * a new one's get new ones; alarms the policy no longer needs (scale-in disabled, type changed) are deleted.
     */
    private ScalingPolicy withAlarms(Transaction tx, ScalingPolicy policy, ScalingPolicy existing) {
        List<PolicyAlarm> before = existing == null || !existing.usesTargetTracking() ? List.of() : existing.alarms();
        if (!policy.usesTargetTracking()) {
            before.forEach(alarm -> deleteAlarm(tx, policy.policyArn(), alarm.alarmArn()));
            return policy;
        }
        String high = before.stream().map(PolicyAlarm::alarmName).filter(n -> n.contains("-AlarmHigh-")).findFirst()
                .orElseGet(() -> TargetTrackingAlarms.name(policy.resourceId(), true, ids.get()));
        String low = before.stream().map(PolicyAlarm::alarmName).filter(n -> n.contains("-AlarmLow-")).findFirst()
                .orElseGet(() -> TargetTrackingAlarms.name(policy.resourceId(), false, ids.get()));
        Map<String, MetricAlarm> current = new HashMap<>();
        before.forEach(a -> tx.find(Kind.METRIC_ALARM, a.alarmArn()).ifPresent(m -> current.put(a.alarmArn(), m)));
        List<MetricAlarm> alarms = TargetTrackingAlarms.alarms(ecsArns, policy, high, low, current, tx.now());
        alarms.forEach(alarm -> tx.put(Kind.METRIC_ALARM, alarm));
        List<String> kept = alarms.stream().map(MetricAlarm::alarmArn).toList();
        before.stream().filter(a -> !kept.contains(a.alarmArn()))
                .forEach(a -> deleteAlarm(tx, policy.policyArn(), a.alarmArn()));
        return new ScalingPolicy(policy.policyArn(), policy.policyName(), policy.serviceNamespace(),
                policy.resourceId(), policy.scalableDimension(), policy.policyType(), policy.targetTracking(),
                policy.stepScaling(), alarms.stream().map(a -> new PolicyAlarm(a.alarmName(), a.alarmArn())).toList(),
                policy.creationTime());
    }

    private static void deleteAlarm(Transaction tx, String policyArn, String alarmArn) {
        tx.delete(Kind.METRIC_ALARM, alarmArn);
        tx.delete(Kind.ALARM_ACTION_INVOCATION, AlarmActionInvocation.key(policyArn, alarmArn));
    }

    /** Deletes a policy, the alarms it owns and the alarm actions waiting for it, within {@code tx}. */
    static void deletePolicy(Transaction tx, ScalingPolicy policy) {
        if (policy.usesTargetTracking()) {
            policy.alarms().forEach(alarm -> tx.delete(Kind.METRIC_ALARM, alarm.alarmArn()));
        }
        tx.state().indexed(Kind.ALARM_ACTION_INVOCATION, policy.policyArn()).toList()
                .forEach(invocation -> tx.delete(Kind.ALARM_ACTION_INVOCATION, invocation.key()));
        tx.delete(Kind.SCALING_POLICY, policy.policyArn());
    }

    private static Optional<ScalingPolicy> find(Snapshot state, ScalableTarget target, String name) {
        return state.indexed(Kind.SCALING_POLICY, target.key()).filter(p -> p.policyName().equals(name)).findFirst();
    }

    DeleteScalingPolicyResponse deleteScalingPolicy(DeleteScalingPolicyRequest request) {
        AutoScalingRequests.required(request.policyName(), "policyName");
        store.write(tx -> {
            ScalableTarget target = AutoScalingRequests.target(tx.state(), scaling,
                    request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString());
            ScalingPolicy policy = find(tx.state(), target, request.policyName())
                    .orElseThrow(() -> new ApiException(ErrorType.OBJECT_NOT_FOUND, "No scaling policy found for "
                            + "service namespace: " + target.serviceNamespace() + ", resource ID: "
                            + target.resourceId() + ", scalable dimension: " + target.scalableDimension()
                            + ", policy name: " + request.policyName()));
            deletePolicy(tx, policy);
            return null;
        });
        return DeleteScalingPolicyResponse.builder().build();
    }

    DescribeScalingPoliciesResponse describeScalingPolicies(DescribeScalingPoliciesRequest request) {
        String namespace = AutoScalingRequests.namespace(request.serviceNamespaceAsString());
        AutoScalingRequests.filters(scaling, request.resourceId(), request.scalableDimensionAsString());
        List<String> names = request.hasPolicyNames() ? request.policyNames() : List.of();
        Snapshot state = store.snapshot();
        List<ScalingPolicy> policies = state.all(Kind.SCALING_POLICY)
                .filter(p -> p.serviceNamespace().equals(namespace))
                .filter(p -> request.resourceId() == null || p.resourceId().equals(request.resourceId()))
                .filter(p -> request.scalableDimension() == null
                        || p.scalableDimension().equals(request.scalableDimensionAsString()))
                .filter(p -> names.isEmpty() || names.contains(p.policyName()))
                .sorted(Comparator.comparing(ScalingPolicyOperations::pageKey))
                .toList();
        Pages.Page<ScalingPolicy> page = AutoScalingPages.page(policies, ScalingPolicyOperations::pageKey,
                request.maxResults(), request.nextToken());
        return DescribeScalingPoliciesResponse.builder()
                .scalingPolicies(page.items().stream()
                        .map(p -> AutoScalingMapper.policy(p, alarmsOf(state, p))).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private static String pageKey(ScalingPolicy policy) {
        return policy.targetKey() + " " + policy.policyName();
    }

    /** A target tracking policy's own alarms; for step scaling, the alarms that name the policy as an action. */
    private static List<PolicyAlarm> alarmsOf(Snapshot state, ScalingPolicy policy) {
        if (policy.usesTargetTracking()) {
            return policy.alarms();
        }
        return state.all(Kind.METRIC_ALARM)
                .filter(alarm -> alarm.definition().alarmActions().contains(policy.policyArn())
                        || alarm.definition().okActions().contains(policy.policyArn())
                        || alarm.definition().insufficientDataActions().contains(policy.policyArn()))
                .map(alarm -> new PolicyAlarm(alarm.alarmName(), alarm.alarmArn())).toList();
    }
}
