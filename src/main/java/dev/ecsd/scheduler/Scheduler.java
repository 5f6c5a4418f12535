package dev.ecsd.scheduler;

import dev.ecsd.scheduler.PlacementResult.Placement;
import dev.ecsd.scheduler.PlacementResult.Unplaced;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ECS's placement as a pure function: given what to place and a snapshot of the cluster, where each task goes or
 * why it cannot. No I/O, no clock, no threads; the same request (and seed) on the same view gives the same result.
 */
public final class Scheduler {
    private Scheduler() {
    }

    /**
     * Places {@code request.count()} tasks. The FARGATE launch type puts every task on the FARGATE provider; a
     * capacity provider strategy splits them by base and weight ({@link CapacityAssignment}) over the providers the
     * view offers; EC2 and EXTERNAL filter the view's container instances by the constraints and rank the rest by
     * the strategies, one task at a time, each placement using up the instance's resources before the next.
     * Placement constraints and strategies do not apply to capacity providers, as in ECS.
     */
    public static PlacementResult place(PlacementRequest request, PlacementView view) {
        return switch (request.capacity()) {
            case CapacityRequest.ByLaunchType byLaunchType when byLaunchType.launchType() == LaunchType.FARGATE ->
                    onCapacityProviders(Collections.nCopies(request.count(), CapacityProviders.FARGATE), List.of(
                            CapacityProviders.FARGATE));
            case CapacityRequest.ByLaunchType byLaunchType -> new InstancePlacement(request, view).place();
            case CapacityRequest.ByStrategy byStrategy -> onCapacityProviders(CapacityAssignment.assign(
                    byStrategy.strategy(), view.tasksPerCapacityProvider(request.group()), request.count()),
                    view.capacityProviders());
        };
    }

    private static PlacementResult onCapacityProviders(List<String> assigned, List<String> available) {
        List<Placement> placements = new ArrayList<>();
        List<Unplaced> unplaced = new ArrayList<>();
        for (int task = 0; task < assigned.size(); task++) {
            String provider = assigned.get(task);
            if (available.contains(provider)) {
                placements.add(Placement.onCapacityProvider(task, provider));
            } else {
                unplaced.add(new Unplaced(task, PlacementFailure.capacityProviderUnavailable(provider)));
            }
        }
        return new PlacementResult(placements, unplaced, List.of());
    }
}
