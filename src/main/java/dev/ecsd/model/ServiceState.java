package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What ECS reports of a service: its status, its deployments (PRIMARY first) and its events (newest first). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceState(ServiceStatus status, List<Deployment> deployments, List<ServiceEvent> events) {
    public ServiceState {
        deployments = Lists.copy(deployments);
        events = Lists.copy(events);
    }
}
