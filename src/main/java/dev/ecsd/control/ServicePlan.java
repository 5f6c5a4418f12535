package dev.ecsd.control;

import dev.ecsd.model.Service;
import java.time.Instant;
import java.util.List;

/**
 * What the service scheduler decided for one service: the service record to write (deployments, events,
 * bookkeeping), the tasks to launch and the tasks to stop. {@code recheckAt} is when to look again even if
 * nothing changes (a grace period or a throttle ends), or null.
 */
public record ServicePlan(Service service, List<Launch> launches, List<Stop> stops, Instant recheckAt) {
    public ServicePlan {
        launches = List.copyOf(launches);
        stops = List.copyOf(stops);
    }

    /** Start {@code count} tasks for a deployment; {@code replacingUnhealthy} of them replace unhealthy tasks. */
    public record Launch(String deploymentId, int count, int replacingUnhealthy) {
    }

    /** Stop a task, with ECS's reason. */
    public record Stop(String taskArn, String reason) {
    }

    public boolean changesNothing(Service before) {
        return launches.isEmpty() && stops.isEmpty() && service.equals(before);
    }
}
