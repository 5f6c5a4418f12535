package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ECS service: what the user asked for, its deployments (newest first), its events (newest first) and
 * the service scheduler's own bookkeeping: the last completed deployment (for rollback), the launch throttle,
 * which stopped tasks it has already accounted for, and which warnings it has raised and not yet cleared.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Service(
        String serviceArn,
        String serviceName,
        String clusterArn,
        ServiceStatus status,
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
        List<Tag> tags,
        Instant createdAt,
        String createdBy,
        String clientToken,
        List<Deployment> deployments,
        List<ServiceEvent> events,
        Deployment lastCompletedDeployment,
        int consecutiveStartFailures,
        Instant throttledUntil,
        Set<String> accountedTasks,
        Set<String> raisedWarnings,
        Instant lastSteadyStateAt) {

    public static final int MAX_EVENTS = 100;

    public Service {
        capacityProviderStrategy = Lists.copy(capacityProviderStrategy);
        loadBalancers = Lists.copy(loadBalancers);
        serviceRegistries = Lists.copy(serviceRegistries);
        placementConstraints = Lists.copy(placementConstraints);
        placementStrategy = Lists.copy(placementStrategy);
        tags = Lists.copy(tags);
        deployments = Lists.copy(deployments);
        events = Lists.copy(events);
        accountedTasks = accountedTasks == null ? Set.of() : Set.copyOf(accountedTasks);
        raisedWarnings = raisedWarnings == null ? Set.of() : Set.copyOf(raisedWarnings);
    }

    /**
     * The events with new ones (given oldest first) put in front, newest first, keeping the newest
     * {@link #MAX_EVENTS}.
     */
    public List<ServiceEvent> eventsWith(List<String> messages, Supplier<String> ids, Instant at) {
        List<ServiceEvent> next = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            next.add(new ServiceEvent(ids.get(), at, messages.get(i)));
        }
        next.addAll(Lists.orEmpty(events));
        return next.size() > MAX_EVENTS ? List.copyOf(next.subList(0, MAX_EVENTS)) : next;
    }

    /** The group ECS gives a service's tasks. */
    public String taskGroup() {
        return "service:" + serviceName;
    }

    /**
     * Whether a task is this service's: launched by one of its deployments (or by the last completed one, which a
     * rollback brings back). A task a user ran with the same group, or one of an earlier service of the same name,
     * is not.
     */
    public boolean owns(Task task) {
        if (!clusterArn.equals(task.clusterArn()) || task.startedBy() == null) {
            return false;
        }
        if (lastCompletedDeployment != null && lastCompletedDeployment.id().equals(task.startedBy())) {
            return true;
        }
        return Lists.orEmpty(deployments).stream().anyMatch(d -> d.id().equals(task.startedBy()));
    }

    public Optional<Deployment> primary() {
        return Lists.orEmpty(deployments).stream().filter(d -> d.status() == DeploymentStatus.PRIMARY).findFirst();
    }

    public boolean isActive() {
        return status == ServiceStatus.ACTIVE;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few fields of a service, keeping the rest. */
    public static final class Builder {
        private String serviceArn;
        private String serviceName;
        private String clusterArn;
        private ServiceStatus status;
        private int desiredCount;
        private String launchType;
        private List<CapacityProviderStrategyItem> capacityProviderStrategy;
        private String platformVersion;
        private String taskDefinition;
        private NetworkConfiguration networkConfiguration;
        private DeploymentConfiguration deploymentConfiguration;
        private List<LoadBalancer> loadBalancers;
        private List<ServiceRegistry> serviceRegistries;
        private List<Map<String, Object>> placementConstraints;
        private List<Map<String, Object>> placementStrategy;
        private Integer healthCheckGracePeriodSeconds;
        private String schedulingStrategy;
        private String deploymentController;
        private String propagateTags;
        private boolean enableECSManagedTags;
        private boolean enableExecuteCommand;
        private List<Tag> tags;
        private Instant createdAt;
        private String createdBy;
        private String clientToken;
        private List<Deployment> deployments;
        private List<ServiceEvent> events;
        private Deployment lastCompletedDeployment;
        private int consecutiveStartFailures;
        private Instant throttledUntil;
        private Set<String> accountedTasks;
        private Set<String> raisedWarnings;
        private Instant lastSteadyStateAt;

        public Builder() {
        }

        private Builder(Service s) {
            serviceArn = s.serviceArn;
            serviceName = s.serviceName;
            clusterArn = s.clusterArn;
            status = s.status;
            desiredCount = s.desiredCount;
            launchType = s.launchType;
            capacityProviderStrategy = s.capacityProviderStrategy;
            platformVersion = s.platformVersion;
            taskDefinition = s.taskDefinition;
            networkConfiguration = s.networkConfiguration;
            deploymentConfiguration = s.deploymentConfiguration;
            loadBalancers = s.loadBalancers;
            serviceRegistries = s.serviceRegistries;
            placementConstraints = s.placementConstraints;
            placementStrategy = s.placementStrategy;
            healthCheckGracePeriodSeconds = s.healthCheckGracePeriodSeconds;
            schedulingStrategy = s.schedulingStrategy;
            deploymentController = s.deploymentController;
            propagateTags = s.propagateTags;
            enableECSManagedTags = s.enableECSManagedTags;
            enableExecuteCommand = s.enableExecuteCommand;
            tags = s.tags;
            createdAt = s.createdAt;
            createdBy = s.createdBy;
            clientToken = s.clientToken;
            deployments = s.deployments;
            events = s.events;
            lastCompletedDeployment = s.lastCompletedDeployment;
            consecutiveStartFailures = s.consecutiveStartFailures;
            throttledUntil = s.throttledUntil;
            accountedTasks = s.accountedTasks;
            raisedWarnings = s.raisedWarnings;
            lastSteadyStateAt = s.lastSteadyStateAt;
        }

        public Builder serviceArn(String v) { serviceArn = v; return this; }
        public Builder serviceName(String v) { serviceName = v; return this; }
        public Builder clusterArn(String v) { clusterArn = v; return this; }
        public Builder status(ServiceStatus v) { status = v; return this; }
        public Builder desiredCount(int v) { desiredCount = v; return this; }
        public Builder launchType(String v) { launchType = v; return this; }
        public Builder capacityProviderStrategy(List<CapacityProviderStrategyItem> v) { capacityProviderStrategy = v; return this; }
        public Builder platformVersion(String v) { platformVersion = v; return this; }
        public Builder taskDefinition(String v) { taskDefinition = v; return this; }
        public Builder networkConfiguration(NetworkConfiguration v) { networkConfiguration = v; return this; }
        public Builder deploymentConfiguration(DeploymentConfiguration v) { deploymentConfiguration = v; return this; }
        public Builder loadBalancers(List<LoadBalancer> v) { loadBalancers = v; return this; }
        public Builder serviceRegistries(List<ServiceRegistry> v) { serviceRegistries = v; return this; }
        public Builder placementConstraints(List<Map<String, Object>> v) { placementConstraints = v; return this; }
        public Builder placementStrategy(List<Map<String, Object>> v) { placementStrategy = v; return this; }
        public Builder healthCheckGracePeriodSeconds(Integer v) { healthCheckGracePeriodSeconds = v; return this; }
        public Builder schedulingStrategy(String v) { schedulingStrategy = v; return this; }
        public Builder deploymentController(String v) { deploymentController = v; return this; }
        public Builder propagateTags(String v) { propagateTags = v; return this; }
        public Builder enableECSManagedTags(boolean v) { enableECSManagedTags = v; return this; }
        public Builder enableExecuteCommand(boolean v) { enableExecuteCommand = v; return this; }
        public Builder tags(List<Tag> v) { tags = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder createdBy(String v) { createdBy = v; return this; }
        public Builder clientToken(String v) { clientToken = v; return this; }
        public Builder deployments(List<Deployment> v) { deployments = v; return this; }
        public Builder events(List<ServiceEvent> v) { events = v; return this; }
        public Builder lastCompletedDeployment(Deployment v) { lastCompletedDeployment = v; return this; }
        public Builder consecutiveStartFailures(int v) { consecutiveStartFailures = v; return this; }
        public Builder throttledUntil(Instant v) { throttledUntil = v; return this; }
        public Builder accountedTasks(Set<String> v) { accountedTasks = v; return this; }
        public Builder raisedWarnings(Set<String> v) { raisedWarnings = v; return this; }
        public Builder lastSteadyStateAt(Instant v) { lastSteadyStateAt = v; return this; }

        public List<Deployment> deployments() {
            return deployments;
        }

        public List<ServiceEvent> events() {
            return events;
        }

        public Service build() {
            return new Service(serviceArn, serviceName, clusterArn, status, desiredCount, launchType,
                    capacityProviderStrategy, platformVersion, taskDefinition, networkConfiguration,
                    deploymentConfiguration, loadBalancers, serviceRegistries, placementConstraints, placementStrategy,
                    healthCheckGracePeriodSeconds, schedulingStrategy, deploymentController, propagateTags,
                    enableECSManagedTags, enableExecuteCommand, tags, createdAt, createdBy, clientToken, deployments,
                    events, lastCompletedDeployment, consecutiveStartFailures, throttledUntil, accountedTasks,
                    raisedWarnings, lastSteadyStateAt);
        }
    }
}
