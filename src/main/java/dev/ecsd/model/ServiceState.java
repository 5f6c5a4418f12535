package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What ECS reports of a service: its status, its deployments (PRIMARY first), its events (newest first) and, with the
 * EXTERNAL deployment controller, its task sets (in the order they were created; null for other services).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceState(ServiceStatus status, List<Deployment> deployments, List<ServiceEvent> events,
        List<TaskSet> taskSets) {
    public ServiceState {
        deployments = Lists.copy(deployments);
        events = Lists.copy(events);
        taskSets = Lists.copy(taskSets);
    }

    public ServiceState(ServiceStatus status, List<Deployment> deployments, List<ServiceEvent> events) {
        this(status, deployments, events, null);
    }
}
