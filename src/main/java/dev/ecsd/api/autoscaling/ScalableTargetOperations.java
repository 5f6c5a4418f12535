package dev.ecsd.api.autoscaling;

import dev.ecsd.api.Pages;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.SuspendedState;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;

/**
 * RegisterScalableTarget (create, or update what the request gives), DeregisterScalableTarget (with its policies,
 * their alarms and its scheduled actions) and DescribeScalableTargets.
 */
final class ScalableTargetOperations {
    /** AWS's quota of scalable targets per resource type and account. */
    static final int MAX_TARGETS = 3000;

    private final StateStore store;
    private final ServiceScaling scaling;
    private final AutoScalingArns arns;
    private final Supplier<String> ids;

    ScalableTargetOperations(StateStore store, ServiceScaling scaling, AutoScalingArns arns, Supplier<String> ids) {
        this.store = store;
        this.scaling = scaling;
        this.arns = arns;
        this.ids = ids;
    }

    RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
        String namespace = AutoScalingRequests.namespace(request.serviceNamespaceAsString());
        String resourceId = AutoScalingRequests.resourceId(scaling, request.resourceId());
        String dimension = AutoScalingRequests.dimension(request.scalableDimensionAsString());
        checkCapacity(request.minCapacity(), "minCapacity");
        checkCapacity(request.maxCapacity(), "maxCapacity");
        AutoScalingTagOperations.checkTags(request.hasTags() ? request.tags() : null, Map.of());
        String key = ScalableTarget.key(namespace, resourceId, dimension);
        ScalableTarget written = store.write(tx -> {
            if (scaling.serviceArn(resourceId).flatMap(arn -> tx.find(Kind.SERVICE, arn))
                    .filter(service -> service.isActive()).isEmpty()) {
                throw AutoScalingRequests.validation("ECS service doesn't exist: " + resourceId);
            }
            ScalableTarget existing = tx.find(Kind.SCALABLE_TARGET, key).orElse(null);
            ScalableTarget next = existing == null ? create(tx, request, namespace, resourceId, dimension)
                    : update(existing, request);
            if (next.minCapacity() > next.maxCapacity()) {
                throw AutoScalingRequests.validation("Minimum capacity cannot be greater than maximum capacity");
            }
            tx.put(Kind.SCALABLE_TARGET, next);
            scaling.moveIntoRange(tx, next);
            return next;
        });
        return RegisterScalableTargetResponse.builder().scalableTargetARN(written.scalableTargetArn()).build();
    }

    private ScalableTarget create(Transaction tx, RegisterScalableTargetRequest request, String namespace,
            String resourceId, String dimension) {
        if (request.minCapacity() == null || request.maxCapacity() == null) {
            throw AutoScalingRequests.validation("MinCapacity and MaxCapacity are required when registering a new "
                    + "scalable target");
        }
        if (tx.state().count(Kind.SCALABLE_TARGET) >= MAX_TARGETS) {
            throw new ApiException(ErrorType.LIMIT_EXCEEDED, "You have reached the maximum of " + MAX_TARGETS
                    + " scalable targets for ECS services in this account.");
        }
        String id = (ids.get() + ids.get()).replace("-", "").substring(0, 36);
        String role = request.roleARN() != null ? request.roleARN() : arns.ecsServiceLinkedRole();
        return new ScalableTarget(namespace, resourceId, dimension, request.minCapacity(), request.maxCapacity(), role,
                suspended(request, SuspendedState.NONE), tx.now(), arns.scalableTarget(id),
                request.hasTags() ? request.tags() : null, null);
    }

    /** An update changes only what the request gives; tags are not changed (TagResource does that). */
    private static ScalableTarget update(ScalableTarget existing, RegisterScalableTargetRequest request) {
        int min = request.minCapacity() != null ? request.minCapacity() : existing.minCapacity();
        int max = request.maxCapacity() != null ? request.maxCapacity() : existing.maxCapacity();
        return existing.withCapacity(min, max).withSuspendedState(suspended(request, existing.suspendedState()));
    }

    private static SuspendedState suspended(RegisterScalableTargetRequest request, SuspendedState current) {
        var given = request.suspendedState();
        if (given == null) {
            return current;
        }
        return new SuspendedState(
                given.dynamicScalingInSuspended() != null ? given.dynamicScalingInSuspended()
                        : current.dynamicScalingInSuspended(),
                given.dynamicScalingOutSuspended() != null ? given.dynamicScalingOutSuspended()
                        : current.dynamicScalingOutSuspended(),
                given.scheduledScalingSuspended() != null ? given.scheduledScalingSuspended()
                        : current.scheduledScalingSuspended());
    }

    private static void checkCapacity(Integer capacity, String member) {
        if (capacity != null && capacity < 0) {
            throw AutoScalingRequests.constraint(capacity.toString(), member,
                    "Member must have value greater than or equal to 0");
        }
    }

    DeregisterScalableTargetResponse deregisterScalableTarget(DeregisterScalableTargetRequest request) {
        store.write(tx -> {
            ScalableTarget target = AutoScalingRequests.target(tx.state(), scaling,
                    request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString());
            for (ScalingPolicy policy : tx.state().indexed(Kind.SCALING_POLICY, target.key()).toList()) {
                ScalingPolicyOperations.deletePolicy(tx, policy);
            }
            tx.state().indexed(Kind.SCHEDULED_ACTION, target.key()).toList()
                    .forEach(action -> tx.delete(Kind.SCHEDULED_ACTION, action.scheduledActionArn()));
            tx.delete(Kind.SCALABLE_TARGET, target.key());
            return null;
        });
        return DeregisterScalableTargetResponse.builder().build();
    }

    DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
        String namespace = AutoScalingRequests.namespace(request.serviceNamespaceAsString());
        if (request.scalableDimension() != null) {
            AutoScalingRequests.dimension(request.scalableDimensionAsString());
        }
        List<String> resourceIds = request.hasResourceIds() ? request.resourceIds() : List.of();
        if (resourceIds.size() > AutoScalingPages.MAX) {
            throw AutoScalingRequests.constraint(resourceIds.toString(), "resourceIds",
                    "Member must have length less than or equal to " + AutoScalingPages.MAX);
        }
        List<ScalableTarget> targets = store.snapshot().all(Kind.SCALABLE_TARGET)
                .filter(t -> t.serviceNamespace().equals(namespace))
                .filter(t -> resourceIds.isEmpty() || resourceIds.contains(t.resourceId()))
                .filter(t -> request.scalableDimension() == null
                        || t.scalableDimension().equals(request.scalableDimensionAsString()))
                .toList();
        Pages.Page<ScalableTarget> page = AutoScalingPages.page(targets, ScalableTarget::key,
                request.maxResults(), request.nextToken());
        return DescribeScalableTargetsResponse.builder()
                .scalableTargets(page.items().stream().map(AutoScalingMapper::target).toList())
                .nextToken(page.nextToken())
                .build();
    }
}
