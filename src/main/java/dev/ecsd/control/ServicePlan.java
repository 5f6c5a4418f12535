package dev.ecsd.control;

import dev.ecsd.model.Service;
import java.time.Instant;
import java.util.List;

/**
 * What the service scheduler decided for one service: its actions, as data, and {@code service}, the record as
 * those actions leave it (computed once by {@link ServiceActions#apply}). {@code recheckAt} is when to look again
 * even if nothing changes (a grace period or a throttle ends), or null.
 */
public record ServicePlan(Service before, List<ServiceAction> actions, Service service, Instant recheckAt) {
    public ServicePlan {
        actions = List.copyOf(actions);
    }

    public List<ServiceAction.StartTasks> launches() {
        return actions.stream().filter(ServiceAction.StartTasks.class::isInstance)
                .map(ServiceAction.StartTasks.class::cast).toList();
    }

    public List<ServiceAction.StopTask> stops() {
        return actions.stream().filter(ServiceAction.StopTask.class::isInstance)
                .map(ServiceAction.StopTask.class::cast).toList();
    }

    public List<ServiceAction.RegisterTargets> registrations() {
        return actions.stream().filter(ServiceAction.RegisterTargets.class::isInstance)
                .map(ServiceAction.RegisterTargets.class::cast).toList();
    }

    public List<ServiceAction.DeregisterTargets> deregistrations() {
        return actions.stream().filter(ServiceAction.DeregisterTargets.class::isInstance)
                .map(ServiceAction.DeregisterTargets.class::cast).toList();
    }

    /** Nothing to start, stop, register or deregister, and the record stays as {@code current} is. */
    public boolean changesNothing(Service current) {
        return launches().isEmpty() && stops().isEmpty() && registrations().isEmpty() && deregistrations().isEmpty()
                && service.equals(current);
    }
}
