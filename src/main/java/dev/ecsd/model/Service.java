package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ECS service, in three parts with one owner each: its {@link ServiceSpec} (what the user asked: written by the
 * service commands), its {@link ServiceState} (status, deployments, events: written by the commands when they start
 * a deployment and by the scheduler's plans) and its {@link ServiceBookkeeping} (the scheduler's own memory). The
 * accessors of the parts' members are here too, so readers need not know which part holds what.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Service(
        String serviceArn,
        String serviceName,
        String clusterArn,
        Instant createdAt,
        String createdBy,
        String clientToken,
        ServiceSpec spec,
        ServiceState state,
        ServiceBookkeeping bookkeeping) {

    public static final int MAX_EVENTS = 100;
    /** The deployment controller type of services deployed through task sets by a controller of the user's. */
    public static final String EXTERNAL = "EXTERNAL";
    /** The deployment controller type of blue/green services deployed by AWS CodeDeploy. */
    public static final String CODE_DEPLOY = "CODE_DEPLOY";

    /**
     * Reads a service as stored: in its three parts, or flat, as services were stored before they had parts (every
     * member at the top level, which each part picks its own from).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Service fromJson(JsonNode json) {
        JsonNode spec = json.has("spec") ? json.get("spec") : json;
        JsonNode state = json.has("state") ? json.get("state") : json;
        JsonNode bookkeeping = json.has("bookkeeping") ? json.get("bookkeeping") : json;
        return new Service(text(json, "serviceArn"), text(json, "serviceName"), text(json, "clusterArn"),
                json.hasNonNull("createdAt") ? ModelJson.fromTree(json.get("createdAt"), Instant.class) : null,
                text(json, "createdBy"), text(json, "clientToken"),
                ModelJson.fromTree(spec, ServiceSpec.class), ModelJson.fromTree(state, ServiceState.class),
                ModelJson.fromTree(bookkeeping, ServiceBookkeeping.class));
    }

    private static String text(JsonNode json, String name) {
        return json.hasNonNull(name) ? json.get(name).asText() : null;
    }

    // The members of the parts, as if they were the service's own.

    public int desiredCount() { return spec.desiredCount(); }
    public String launchType() { return spec.launchType(); }
    public List<CapacityProviderStrategyItem> capacityProviderStrategy() { return spec.capacityProviderStrategy(); }
    public String platformVersion() { return spec.platformVersion(); }
    public String taskDefinition() { return spec.taskDefinition(); }
    public NetworkConfiguration networkConfiguration() { return spec.networkConfiguration(); }
    public DeploymentConfiguration deploymentConfiguration() { return spec.deploymentConfiguration(); }
    public List<LoadBalancer> loadBalancers() { return spec.loadBalancers(); }
    public List<ServiceRegistry> serviceRegistries() { return spec.serviceRegistries(); }
    public List<Map<String, Object>> placementConstraints() { return spec.placementConstraints(); }
    public List<Map<String, Object>> placementStrategy() { return spec.placementStrategy(); }
    public Integer healthCheckGracePeriodSeconds() { return spec.healthCheckGracePeriodSeconds(); }
    public String schedulingStrategy() { return spec.schedulingStrategy(); }
    public String deploymentController() { return spec.deploymentController(); }
    public String propagateTags() { return spec.propagateTags(); }
    public boolean enableECSManagedTags() { return spec.enableECSManagedTags(); }
    public boolean enableExecuteCommand() { return spec.enableExecuteCommand(); }
    public List<Tag> tags() { return spec.tags(); }
    public ServiceStatus status() { return state.status(); }
    public List<Deployment> deployments() { return state.deployments(); }
    public List<ServiceEvent> events() { return state.events(); }
    public List<TaskSet> taskSets() { return state.taskSets(); }
    public Deployment lastCompletedDeployment() { return bookkeeping.lastCompletedDeployment(); }
    public int consecutiveStartFailures() { return bookkeeping.consecutiveStartFailures(); }
    public Instant throttledUntil() { return bookkeeping.throttledUntil(); }
    public Set<String> accountedTasks() { return bookkeeping.accountedTasks(); }
    public Set<String> raisedWarnings() { return bookkeeping.raisedWarnings(); }
    public Instant lastSteadyStateAt() { return bookkeeping.lastSteadyStateAt(); }

    /**
     * The events with new ones (given oldest first) put in front, newest first, keeping the newest
     * {@link #MAX_EVENTS}.
     */
    public List<ServiceEvent> eventsWith(List<String> messages, Supplier<String> ids, Instant at) {
        List<ServiceEvent> next = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            next.add(new ServiceEvent(ids.get(), at, messages.get(i)));
        }
        next.addAll(Lists.orEmpty(events()));
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
        Deployment lastCompleted = lastCompletedDeployment();
        if (lastCompleted != null && lastCompleted.id().equals(task.startedBy())) {
            return true;
        }
        return Lists.orEmpty(deployments()).stream().anyMatch(d -> d.id().equals(task.startedBy()))
                || taskSet(task.startedBy()).isPresent();
    }

    /** Whether an external controller deploys this service through task sets. */
    @JsonIgnore
    public boolean isExternal() {
        return EXTERNAL.equals(deploymentController());
    }

    /**
     * Whether the service runs task sets rather than deployments: an external controller's, or a blue/green
     * (CODE_DEPLOY) service's, whose first task set ECS makes at CreateService.
     */
    @JsonIgnore
    public boolean runsTaskSets() {
        return isExternal() || CODE_DEPLOY.equals(deploymentController());
    }

    public Optional<TaskSet> taskSet(String id) {
        return Lists.orEmpty(taskSets()).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Deployment> primary() {
        return Lists.orEmpty(deployments()).stream().filter(d -> d.status() == DeploymentStatus.PRIMARY).findFirst();
    }

    @JsonIgnore
    public boolean isActive() {
        return status() == ServiceStatus.ACTIVE;
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
        private List<TaskSet> taskSets;
        private Deployment lastCompletedDeployment;
        private int consecutiveStartFailures;
        private Instant throttledUntil;
        private Set<String> accountedTasks;
        private Set<String> raisedWarnings;
        private Instant lastSteadyStateAt;

        public Builder() {
        }

        private Builder(Service s) {
            serviceArn = s.serviceArn();
            serviceName = s.serviceName();
            clusterArn = s.clusterArn();
            status = s.status();
            desiredCount = s.desiredCount();
            launchType = s.launchType();
            capacityProviderStrategy = s.capacityProviderStrategy();
            platformVersion = s.platformVersion();
            taskDefinition = s.taskDefinition();
            networkConfiguration = s.networkConfiguration();
            deploymentConfiguration = s.deploymentConfiguration();
            loadBalancers = s.loadBalancers();
            serviceRegistries = s.serviceRegistries();
            placementConstraints = s.placementConstraints();
            placementStrategy = s.placementStrategy();
            healthCheckGracePeriodSeconds = s.healthCheckGracePeriodSeconds();
            schedulingStrategy = s.schedulingStrategy();
            deploymentController = s.deploymentController();
            propagateTags = s.propagateTags();
            enableECSManagedTags = s.enableECSManagedTags();
            enableExecuteCommand = s.enableExecuteCommand();
            tags = s.tags();
            createdAt = s.createdAt();
            createdBy = s.createdBy();
            clientToken = s.clientToken();
            deployments = s.deployments();
            events = s.events();
            taskSets = s.taskSets();
            lastCompletedDeployment = s.lastCompletedDeployment();
            consecutiveStartFailures = s.consecutiveStartFailures();
            throttledUntil = s.throttledUntil();
            accountedTasks = s.accountedTasks();
            raisedWarnings = s.raisedWarnings();
            lastSteadyStateAt = s.lastSteadyStateAt();
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
        public Builder taskSets(List<TaskSet> v) { taskSets = v; return this; }
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

        /** Replaces the scheduler's bookkeeping whole. */
        public Builder bookkeeping(ServiceBookkeeping v) {
            lastCompletedDeployment = v.lastCompletedDeployment();
            consecutiveStartFailures = v.consecutiveStartFailures();
            throttledUntil = v.throttledUntil();
            accountedTasks = v.accountedTasks();
            raisedWarnings = v.raisedWarnings();
            lastSteadyStateAt = v.lastSteadyStateAt();
            return this;
        }

        public Service build() {
            return new Service(serviceArn, serviceName, clusterArn, createdAt, createdBy, clientToken,
                    new ServiceSpec(desiredCount, launchType, capacityProviderStrategy, platformVersion, taskDefinition,
                            networkConfiguration, deploymentConfiguration, loadBalancers, serviceRegistries,
                            placementConstraints, placementStrategy, healthCheckGracePeriodSeconds, schedulingStrategy,
                            deploymentController, propagateTags, enableECSManagedTags, enableExecuteCommand, tags),
                    new ServiceState(status, deployments, events, taskSets),
                    new ServiceBookkeeping(lastCompletedDeployment, consecutiveStartFailures, throttledUntil,
                            accountedTasks, raisedWarnings, lastSteadyStateAt));
        }
    }
}
