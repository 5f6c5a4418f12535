package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One deployment of a service: a task definition and the launch settings its tasks get. Its tasks are the
 * service's tasks whose {@code startedBy} is its id. {@code failedTasks} counts tasks the circuit breaker
 * counts as failed. {@code loadBalancers} are the ones its tasks are registered with (null in records written before
 * deployments kept them: the service's own then).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(
        String id,
        DeploymentStatus status,
        String taskDefinition,
        int desiredCount,
        int failedTasks,
        Instant createdAt,
        Instant updatedAt,
        String launchType,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String platformVersion,
        NetworkConfiguration networkConfiguration,
        RolloutState rolloutState,
        String rolloutStateReason,
        List<LoadBalancer> loadBalancers) {

    public Deployment {
        capacityProviderStrategy = Lists.copy(capacityProviderStrategy);
        loadBalancers = Lists.copy(loadBalancers);
    }

    public Deployment(String id, DeploymentStatus status, String taskDefinition, int desiredCount, int failedTasks,
            Instant createdAt, Instant updatedAt, String launchType,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, String platformVersion,
            NetworkConfiguration networkConfiguration, RolloutState rolloutState, String rolloutStateReason) {
        this(id, status, taskDefinition, desiredCount, failedTasks, createdAt, updatedAt, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, rolloutState, rolloutStateReason, null);
    }

    public Deployment withStatus(DeploymentStatus newStatus, Instant at) {
        return new Deployment(id, newStatus, taskDefinition, desiredCount, failedTasks, createdAt, at, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, rolloutState, rolloutStateReason,
                loadBalancers);
    }

    public Deployment withRollout(RolloutState state, String reason, Instant at) {
        return new Deployment(id, status, taskDefinition, desiredCount, failedTasks, createdAt, at, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, state, reason,
                loadBalancers);
    }

    public Deployment withDesiredCount(int count, Instant at) {
        return new Deployment(id, status, taskDefinition, count, failedTasks, createdAt, at, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, rolloutState, rolloutStateReason,
                loadBalancers);
    }

    public Deployment withFailedTasks(int count, Instant at) {
        return new Deployment(id, status, taskDefinition, desiredCount, count, createdAt, at, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, rolloutState, rolloutStateReason,
                loadBalancers);
    }
}
