package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.control.ServiceTaskCounts;
import dev.ecsd.model.CircuitBreakerOptions;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.state.Snapshot;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.ThresholdConfiguration;

/** Maps services to the SDK shape; running and pending counts are computed from the tasks, so they are always true. */
final class ServiceMapper {
    private ServiceMapper() {
    }

    static software.amazon.awssdk.services.ecs.model.Service toSdk(Snapshot state, Service service, String roleArn,
            boolean includeTags) {
        List<Task> tasks = ServiceTaskCounts.tasksOf(state, service);
        boolean fargate = "FARGATE".equals(service.launchType()) || !Lists.orEmpty(service.capacityProviderStrategy()).isEmpty();
        return software.amazon.awssdk.services.ecs.model.Service.builder()
                .serviceArn(service.serviceArn())
                .serviceName(service.serviceName())
                .clusterArn(service.clusterArn())
                .loadBalancers(SdkBridge.toSdk(Lists.orEmpty(service.loadBalancers()), LoadBalancer::builder))
                .serviceRegistries(SdkBridge.toSdk(Lists.orEmpty(service.serviceRegistries()), ServiceRegistry::builder))
                .status(service.status().name())
                .desiredCount(service.desiredCount())
                .runningCount(ServiceTaskCounts.running(tasks, null))
                .pendingCount(ServiceTaskCounts.pending(tasks, null))
                .launchType(service.launchType())
                .capacityProviderStrategy(ClusterMapper.strategy(service.capacityProviderStrategy()))
                .platformVersion(fargate ? service.platformVersion() : null)
                .platformFamily(fargate ? "Linux" : null)
                .taskDefinition(service.taskDefinition())
                .deploymentConfiguration(deploymentConfiguration(service.deploymentConfiguration()))
                .deployments(Lists.orEmpty(service.deployments()).stream().map(d -> deployment(d, tasks, fargate)).toList())
                .roleArn(roleArn)
                .events(Lists.orEmpty(service.events()).stream()
                        .map(e -> software.amazon.awssdk.services.ecs.model.ServiceEvent.builder()
                                .id(e.id()).createdAt(e.createdAt()).message(e.message()).build())
                        .toList())
                .createdAt(service.createdAt())
                .placementConstraints(SdkBridge.toSdk(Lists.orEmpty(service.placementConstraints()),
                        PlacementConstraint::builder))
                .placementStrategy(SdkBridge.toSdk(Lists.orEmpty(service.placementStrategy()), PlacementStrategy::builder))
                .networkConfiguration(SdkBridge.toSdk(service.networkConfiguration(), NetworkConfiguration::builder))
                .healthCheckGracePeriodSeconds(service.healthCheckGracePeriodSeconds() == null ? 0
                        : service.healthCheckGracePeriodSeconds())
                .schedulingStrategy(service.schedulingStrategy())
                .deploymentController(DeploymentController.builder().type(service.deploymentController()).build())
                .tags(includeTags ? ClusterMapper.tags(service.tags()) : List.of())
                .createdBy(service.createdBy())
                .enableECSManagedTags(service.enableECSManagedTags())
                .propagateTags(service.propagateTags() == null ? "NONE" : service.propagateTags())
                .enableExecuteCommand(service.enableExecuteCommand())
                .taskSets(service.runsTaskSets() ? TaskSetMapper.all(state, service, includeTags) : null)
                .availabilityZoneRebalancing("DISABLED")
                .build();
    }

    private static software.amazon.awssdk.services.ecs.model.Deployment deployment(Deployment deployment,
            List<Task> tasks, boolean fargate) {
        return software.amazon.awssdk.services.ecs.model.Deployment.builder()
                .id(deployment.id())
                .status(deployment.status().name())
                .taskDefinition(deployment.taskDefinition())
                .desiredCount(deployment.desiredCount())
                .pendingCount(ServiceTaskCounts.pending(tasks, deployment.id()))
                .runningCount(ServiceTaskCounts.running(tasks, deployment.id()))
                .failedTasks(deployment.failedTasks())
                .createdAt(deployment.createdAt())
                .updatedAt(deployment.updatedAt())
                .launchType(deployment.launchType())
                .capacityProviderStrategy(ClusterMapper.strategy(deployment.capacityProviderStrategy()))
                .platformVersion(fargate ? deployment.platformVersion() : null)
                .platformFamily(fargate ? "Linux" : null)
                .networkConfiguration(SdkBridge.toSdk(deployment.networkConfiguration(), NetworkConfiguration::builder))
                .rolloutState(deployment.rolloutState() == null ? null : deployment.rolloutState().name())
                .rolloutStateReason(deployment.rolloutStateReason())
                .build();
    }

    static software.amazon.awssdk.services.ecs.model.DeploymentConfiguration deploymentConfiguration(
            DeploymentConfiguration configuration) {
        DeploymentConfiguration given = configuration == null ? DeploymentConfiguration.defaults() : configuration;
        CircuitBreakerOptions options = given.circuitBreakerOptions();
        DeploymentCircuitBreaker.Builder breaker = DeploymentCircuitBreaker.builder()
                .enable(given.circuitBreakerEnabled())
                .rollback(given.rollback())
                .resetOnHealthyTask(options.resetOnHealthyTask())
                .thresholdConfiguration(SdkBridge.toSdk(options.thresholdConfiguration(), ThresholdConfiguration::builder));
        return software.amazon.awssdk.services.ecs.model.DeploymentConfiguration.builder()
                .deploymentCircuitBreaker(breaker.build())
                .maximumPercent(given.maximumPercent())
                .minimumHealthyPercent(given.minimumHealthyPercent())
                .build();
    }
}
