package dev.ecsd.api.autoscaling;

import dev.ecsd.api.Pages;
import dev.ecsd.control.autoscaling.Schedule;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScheduledAction;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScheduledActionResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScheduledActionResponse;

/**
 * PutScheduledAction (create, or update what the request gives), DescribeScheduledActions and
 * DeleteScheduledAction. The controller runs the actions when they are due.
 */
final class ScheduledActionOperations {
    /** AWS's quota of scheduled actions per scalable target. */
    static final int MAX_ACTIONS = 200;

    private final StateStore store;
    private final ServiceScaling scaling;
    private final AutoScalingArns arns;
    private final Supplier<String> ids;

    ScheduledActionOperations(StateStore store, ServiceScaling scaling, AutoScalingArns arns, Supplier<String> ids) {
        this.store = store;
        this.scaling = scaling;
        this.arns = arns;
        this.ids = ids;
    }

    PutScheduledActionResponse putScheduledAction(PutScheduledActionRequest request) {
        String name = request.scheduledActionName();
        AutoScalingRequests.name(name, "scheduledActionName");
        store.write(tx -> {
            ScalableTarget target = AutoScalingRequests.target(tx.state(), scaling,
                    request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString());
            Optional<ScheduledAction> existing = find(tx.state(), target, name);
            if (existing.isEmpty()
                    && tx.state().indexed(Kind.SCHEDULED_ACTION, target.key()).count() >= MAX_ACTIONS) {
                throw new ApiException(ErrorType.LIMIT_EXCEEDED, "A scalable target can have at most " + MAX_ACTIONS
                        + " scheduled actions.");
            }
            String schedule = request.schedule() != null ? request.schedule()
                    : existing.map(ScheduledAction::schedule).orElse(null);
            AutoScalingRequests.required(schedule, "schedule");
            String timezone = request.timezone() != null ? request.timezone()
                    : existing.map(ScheduledAction::timezone).orElse(null);
            Instant start = request.startTime() != null ? request.startTime()
                    : existing.map(ScheduledAction::startTime).orElse(null);
            Instant end = request.endTime() != null ? request.endTime()
                    : existing.map(ScheduledAction::endTime).orElse(null);
            try {
                Schedule.parse(schedule, timezone, start != null ? start : tx.now());
            } catch (IllegalArgumentException e) {
                throw AutoScalingRequests.validation(e.getMessage());
            }
            if (start != null && end != null && !end.isAfter(start)) {
                throw AutoScalingRequests.validation("The end time must be after the start time.");
            }
            var action = request.scalableTargetAction();
            Integer min = action != null && action.minCapacity() != null ? action.minCapacity()
                    : existing.map(ScheduledAction::minCapacity).orElse(null);
            Integer max = action != null && action.maxCapacity() != null ? action.maxCapacity()
                    : existing.map(ScheduledAction::maxCapacity).orElse(null);
            if (min == null && max == null) {
                throw AutoScalingRequests.validation("ScalableTargetAction must specify MinCapacity, MaxCapacity or "
                        + "both.");
            }
            if (min != null && min < 0 || max != null && max < 0) {
                throw AutoScalingRequests.validation("MinCapacity and MaxCapacity must be 0 or more.");
            }
            if (min != null && max != null && min > max) {
                throw AutoScalingRequests.validation("Minimum capacity cannot be greater than maximum capacity");
            }
            String arn = existing.map(ScheduledAction::scheduledActionArn).orElseGet(() -> arns.scheduledAction(
                    ids.get(), target.serviceNamespace(), target.resourceId(), name));
            // an updated schedule starts from now: occurrences before the update are not run late
            tx.put(Kind.SCHEDULED_ACTION, new ScheduledAction(arn, name, target.serviceNamespace(),
                    target.resourceId(), target.scalableDimension(), schedule, timezone, start, end, min, max,
                    existing.map(ScheduledAction::creationTime).orElse(tx.now()),
                    existing.isPresent() ? tx.now() : null));
            return null;
        });
        return PutScheduledActionResponse.builder().build();
    }

    private static Optional<ScheduledAction> find(Snapshot state, ScalableTarget target, String name) {
        return state.indexed(Kind.SCHEDULED_ACTION, target.key())
                .filter(a -> a.scheduledActionName().equals(name)).findFirst();
    }

    DeleteScheduledActionResponse deleteScheduledAction(DeleteScheduledActionRequest request) {
        AutoScalingRequests.required(request.scheduledActionName(), "scheduledActionName");
        store.write(tx -> {
            ScalableTarget target = AutoScalingRequests.target(tx.state(), scaling,
                    request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString());
            ScheduledAction action = find(tx.state(), target, request.scheduledActionName())
                    .orElseThrow(() -> new ApiException(ErrorType.OBJECT_NOT_FOUND, "No scheduled action found for "
                            + "service namespace: " + target.serviceNamespace() + ", resource ID: "
                            + target.resourceId() + ", scalable dimension: " + target.scalableDimension()
                            + ", scheduled action name: " + request.scheduledActionName()));
            tx.delete(Kind.SCHEDULED_ACTION, action.scheduledActionArn());
            return null;
        });
        return DeleteScheduledActionResponse.builder().build();
    }

    DescribeScheduledActionsResponse describeScheduledActions(DescribeScheduledActionsRequest request) {
        String namespace = AutoScalingRequests.namespace(request.serviceNamespaceAsString());
        AutoScalingRequests.filters(scaling, request.resourceId(), request.scalableDimensionAsString());
        List<String> names = request.hasScheduledActionNames() ? request.scheduledActionNames() : List.of();
        List<ScheduledAction> actions = store.snapshot().all(Kind.SCHEDULED_ACTION)
                .filter(a -> a.serviceNamespace().equals(namespace))
                .filter(a -> request.resourceId() == null || a.resourceId().equals(request.resourceId()))
                .filter(a -> request.scalableDimension() == null
                        || a.scalableDimension().equals(request.scalableDimensionAsString()))
                .filter(a -> names.isEmpty() || names.contains(a.scheduledActionName()))
                .sorted(Comparator.comparing(ScheduledActionOperations::pageKey))
                .toList();
        Pages.Page<ScheduledAction> page = AutoScalingPages.page(actions,
                ScheduledActionOperations::pageKey, request.maxResults(), request.nextToken());
        return DescribeScheduledActionsResponse.builder()
                .scheduledActions(page.items().stream().map(AutoScalingMapper::scheduledAction).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private static String pageKey(ScheduledAction action) {
        return action.targetKey() + " " + action.scheduledActionName();
    }
}
