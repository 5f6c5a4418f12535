package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One task set of a service with the EXTERNAL deployment controller: a task definition and launch settings, run at
 * {@code scalePercent} of the service's desired count. Its tasks are the service's tasks whose {@code startedBy} is
 * its id, as a deployment's are. {@code computedDesiredCount} is kept in step with the service's desired count by
 * the service scheduler; {@code startedBy} is who created it (the caller's label), {@code externalId} the external
 * controller's own name for it, {@code clientToken} the token of the request that created it (a retry finds it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSet(
        String id,
        String taskSetArn,
        String startedBy,
        String externalId,
        TaskSetStatus status,
        String taskDefinition,
        int computedDesiredCount,
        double scalePercent,
        Instant createdAt,
        Instant updatedAt,
        String launchType,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String platformVersion,
        NetworkConfiguration networkConfiguration,
        List<LoadBalancer> loadBalancers,
        List<ServiceRegistry> serviceRegistries,
        StabilityStatus stabilityStatus,
        Instant stabilityStatusAt,
        List<Tag> tags,
        String clientToken) {

    public TaskSet {
        capacityProviderStrategy = Lists.copy(capacityProviderStrategy);
        loadBalancers = Lists.copy(loadBalancers);
        serviceRegistries = Lists.copy(serviceRegistries);
        tags = Lists.copy(tags);
    }

    /** A task set without a client token (one ECS made itself, or one created without a token). */
    public TaskSet(String id, String taskSetArn, String startedBy, String externalId, TaskSetStatus status,
            String taskDefinition, int computedDesiredCount, double scalePercent, Instant createdAt, Instant updatedAt,
            String launchType, List<CapacityProviderStrategyItem> capacityProviderStrategy, String platformVersion,
            NetworkConfiguration networkConfiguration, List<LoadBalancer> loadBalancers,
            List<ServiceRegistry> serviceRegistries, StabilityStatus stabilityStatus, Instant stabilityStatusAt,
            List<Tag> tags) {
        this(id, taskSetArn, startedBy, externalId, status, taskDefinition, computedDesiredCount, scalePercent,
                createdAt, updatedAt, launchType, capacityProviderStrategy, platformVersion, networkConfiguration,
                loadBalancers, serviceRegistries, stabilityStatus, stabilityStatusAt, tags, null);
    }

    /** The same set with the client token of the request that created it, so that a retry finds it. */
    public TaskSet withClientToken(String token) {
        return new TaskSet(id, taskSetArn, startedBy, externalId, status, taskDefinition, computedDesiredCount,
                scalePercent, createdAt, updatedAt, launchType, capacityProviderStrategy, platformVersion,
                networkConfiguration, loadBalancers, serviceRegistries, stabilityStatus, stabilityStatusAt, tags,
                token);
    }

    /**
     * ECS's computed desired count: the service's desired count times the scale, rounded up (a set at 10% of 3 tasks
     * runs one). The small tolerance keeps binary fractions (3 × 33.4%) from rounding up a whole task too many.
     */
    public static int computedDesiredCount(int serviceDesiredCount, double scalePercent) {
        return (int) Math.ceil(serviceDesiredCount * scalePercent / 100.0 - 1e-9);
    }

    /** The task set as the deployment-like unit the scheduler launches tasks for: its id, definition and settings. */
    public Deployment asDeployment() {
        return new Deployment(id, status == TaskSetStatus.PRIMARY ? DeploymentStatus.PRIMARY : DeploymentStatus.ACTIVE,
                taskDefinition, status == TaskSetStatus.DRAINING ? 0 : computedDesiredCount, 0, createdAt, updatedAt,
                launchType, capacityProviderStrategy, platformVersion, networkConfiguration, null, null,
                Lists.orEmpty(loadBalancers));
    }

    public TaskSet withStatus(TaskSetStatus next, Instant at) {
        return new TaskSet(id, taskSetArn, startedBy, externalId, next, taskDefinition, computedDesiredCount,
                scalePercent, createdAt, at, launchType, capacityProviderStrategy, platformVersion,
                networkConfiguration, loadBalancers, serviceRegistries, stabilityStatus, stabilityStatusAt, tags,
                clientToken);
    }

    /** The set at a new scale, its computed count following the service's desired count. */
    public TaskSet withScale(double percent, int serviceDesiredCount, Instant at) {
        return new TaskSet(id, taskSetArn, startedBy, externalId, status, taskDefinition,
                computedDesiredCount(serviceDesiredCount, percent), percent, createdAt, at, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, loadBalancers, serviceRegistries,
                stabilityStatus, stabilityStatusAt, tags, clientToken);
    }

    public TaskSet withTags(List<Tag> next) {
        return new TaskSet(id, taskSetArn, startedBy, externalId, status, taskDefinition, computedDesiredCount,
                scalePercent, createdAt, updatedAt, launchType, capacityProviderStrategy, platformVersion,
                networkConfiguration, loadBalancers, serviceRegistries, stabilityStatus, stabilityStatusAt, next,
                clientToken);
    }

    public TaskSet withStability(StabilityStatus next, Instant at) {
        return new TaskSet(id, taskSetArn, startedBy, externalId, status, taskDefinition, computedDesiredCount,
                scalePercent, createdAt, updatedAt, launchType, capacityProviderStrategy, platformVersion,
                networkConfiguration, loadBalancers, serviceRegistries, next, at, tags, clientToken);
    }
}
