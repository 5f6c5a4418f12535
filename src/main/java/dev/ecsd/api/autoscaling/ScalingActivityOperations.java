package dev.ecsd.api.autoscaling;

import dev.ecsd.api.Pages;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesResponse;

/** DescribeScalingActivities: the last six weeks, newest first; not-scaled ones only when asked for. */
final class ScalingActivityOperations {
    private final StateStore store;
    private final ServiceScaling scaling;

    ScalingActivityOperations(StateStore store, ServiceScaling scaling) {
        this.store = store;
        this.scaling = scaling;
    }

    DescribeScalingActivitiesResponse describeScalingActivities(DescribeScalingActivitiesRequest request) {
        String namespace = AutoScalingRequests.namespace(request.serviceNamespaceAsString());
        AutoScalingRequests.filters(scaling, request.resourceId(), request.scalableDimensionAsString());
        boolean notScaled = Boolean.TRUE.equals(request.includeNotScaledActivities());
        List<ScalingActivity> activities = store.snapshot().all(Kind.SCALING_ACTIVITY)
                .filter(a -> a.serviceNamespace().equals(namespace))
                .filter(a -> request.resourceId() == null || a.resourceId().equals(request.resourceId()))
                .filter(a -> request.scalableDimension() == null
                        || a.scalableDimension().equals(request.scalableDimensionAsString()))
                .filter(a -> notScaled || !a.hasNotScaledReasons())
                .sorted(Comparator.comparing(ScalingActivityOperations::pageKey))
                .toList();
        Pages.Page<ScalingActivity> page = AutoScalingPages.page(activities,
                ScalingActivityOperations::pageKey, request.maxResults(), request.nextToken());
        return DescribeScalingActivitiesResponse.builder()
                .scalingActivities(page.items().stream().map(AutoScalingMapper::activity).toList())
                .nextToken(page.nextToken())
                .build();
    }

    /** Newest first: the start time counted down from a far future, then the id. */
    private static String pageKey(ScalingActivity activity) {
        return String.format("%019d", Long.MAX_VALUE - activity.startTime().toEpochMilli()) + " "
                + activity.activityId();
    }
}
