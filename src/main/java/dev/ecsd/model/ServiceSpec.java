package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a user asked of a service: written by the service commands (create, update, scale) and, on a rollback,
 * the launch settings the service goes back to; read by the scheduler.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
        int desiredCount,
        String launchType,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String platformVersion,
        String taskDefinition,
        NetworkConfiguration networkConfiguration,
        DeploymentConfiguration deploymentConfiguration,
        List<LoadBalancer> loadBalancers,
        List<ServiceRegistry> serviceRegistries,
        List<Map<String, Object>> placementConstraints,
        List<Map<String, Object>> placementStrategy,
        Integer healthCheckGracePeriodSeconds,
        String schedulingStrategy,
        String deploymentController,
        String propagateTags,
        boolean enableECSManagedTags,
        boolean enableExecuteCommand,
        List<Tag> tags) {

    public ServiceSpec {
        capacityProviderStrategy = Lists.copy(capacityProviderStrategy);
        loadBalancers = Lists.copy(loadBalancers);
        serviceRegistries = Lists.copy(serviceRegistries);
        placementConstraints = Lists.copy(placementConstraints);
        placementStrategy = Lists.copy(placementStrategy);
        tags = Lists.copy(tags);
    }
}
