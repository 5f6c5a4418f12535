package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.api.SdkBridge;
import dev.ecsd.control.ActiveResources;
import dev.ecsd.control.ServiceCommand;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.ServiceLaunchChecks;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Lists;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Tag;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.scheduler.CapacityProviders;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/** CreateService, UpdateService, DescribeServices, ListServices and DeleteService. */
public final class ServiceOperations {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private final StateStore store;
    private final EcsResources resources;
    private final ServiceCommands commands;
    private final EcsQuotas quotas;

    public ServiceOperations(StateStore store, EcsResources resources, ServiceCommands commands, EcsQuotas quotas) {
        this.store = store;
        this.resources = resources;
        this.commands = commands;
        this.quotas = quotas;
    }

    public CreateServiceResponse createService(CreateServiceRequest request) {
        String name = request.serviceName();
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw ApiException.invalidParameter("Service name can have up to 255 characters: letters (uppercase and "
                    + "lowercase), numbers, underscores and hyphens.");
        }
        ServiceRules.checkLaunchChoice(request.launchTypeAsString(), request.capacityProviderStrategy());
        ServiceRules.checkRole(request.role(), request.loadBalancers());
        String scheduling = request.schedulingStrategyAsString() == null ? "REPLICA" : request.schedulingStrategyAsString();
        if (!Set.of("REPLICA", "DAEMON").contains(scheduling)) {
            throw ApiException.invalidParameter("Invalid schedulingStrategy '" + Quoted.of(scheduling)
                    + "'. Valid values are REPLICA and DAEMON.");
        }
        String controller = ExternalServiceRules.controller(request.deploymentController() == null ? null
                : request.deploymentController().typeAsString());
        boolean external = Service.EXTERNAL.equals(controller);
        if (external) {
            ExternalServiceRules.checkCreate(request, scheduling);
        }
        int desired = request.desiredCount() == null ? 0 : request.desiredCount();
        commands.checkDesiredCount(desired);
        DeploymentConfiguration configuration = ServiceRules.deploymentConfiguration(request.deploymentConfiguration(), null);
        List<Tag> tags = TagRules.validate(ClusterMapper.tagsFromSdk(request.tags()));
        String propagate = ServiceRules.propagateTags(request.propagateTagsAsString());
        Integer grace = ServiceRules.gracePeriod(request.healthCheckGracePeriodSeconds());
        List<CapacityProviderStrategyItem> strategy = ClusterMapper.strategyFromSdk(request.capacityProviderStrategy());

        Service created = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            String arn = resources.arns().service(cluster.clusterName(), name);
            Service existing = tx.find(Kind.SERVICE, arn).orElse(null);
            if (existing != null && existing.status() != ServiceStatus.INACTIVE) {
                if (request.clientToken() != null && request.clientToken().equals(existing.clientToken())) {
                    return existing;
                }
                throw ApiException.invalidParameter("Creation of service was not idempotent.");
            }
            // DRAINING services still hold their tasks, so they count as ECS counts them until INACTIVE.
            quotas.checkNewService((int) tx.state()
                    .withKeyPrefix(Kind.SERVICE, resources.arns().service(cluster.clusterName(), ""))
                    .filter(s -> s.status() != ServiceStatus.INACTIVE).count());
            // an external controller's service has no task definition of its own: its task sets have theirs
            TaskDefinition definition = external && request.taskDefinition() == null ? null
                    : resources.runnableTaskDefinition(tx.state(), request.taskDefinition());
            String launchType = request.launchTypeAsString();
            List<CapacityProviderStrategyItem> effectiveStrategy = strategy;
            if (launchType == null && strategy.isEmpty()) {
                effectiveStrategy = Lists.orEmpty(cluster.defaultCapacityProviderStrategy());
                CapacityProviders.requireUsableDefault(effectiveStrategy);
                if (effectiveStrategy.isEmpty()) {
                    launchType = "EC2";
                }
            }
            NetworkConfiguration network = SdkBridge.toModel(request.networkConfiguration(), NetworkConfiguration.class);
            List<LoadBalancer> loadBalancers = List.of();
            if (!external) {
                ServiceLaunchChecks.checkCapacity(cluster, definition, launchType, effectiveStrategy, scheduling);
            }
            // an external controller's service runs no task of its own: what it is given is stored, as ECS shows it
            if (definition != null) {
                TaskLaunch.validateNetwork(definition, network);
                loadBalancers = ServiceRules.loadBalancers(tx.state(), request.loadBalancers(), definition);
            }
            Instant now = tx.now();
            boolean fargate = !"EC2".equals(launchType);
            String platformVersion = request.platformVersion() != null ? request.platformVersion()
                    : fargate ? "LATEST" : null;
            return commands.apply(tx, new ServiceCommand.Create(new Service.Builder()
                    .serviceArn(arn)
                    .serviceName(name)
                    .clusterArn(cluster.clusterArn())
                    .status(ServiceStatus.ACTIVE)
                    .desiredCount(desired)
                    .launchType(launchType)
                    .capacityProviderStrategy(effectiveStrategy.isEmpty() ? null : effectiveStrategy)
                    .platformVersion(platformVersion)
                    .taskDefinition(definition == null ? null : definition.taskDefinitionArn())
                    .networkConfiguration(network)
                    .deploymentConfiguration(configuration)
                    .loadBalancers(loadBalancers)
                    .serviceRegistries(ServiceRules.serviceRegistries(request.serviceRegistries()))
                    .placementConstraints(ServiceRules.placementConstraints(request.placementConstraints()))
                    .placementStrategy(ServiceRules.placementStrategy(request.placementStrategy()))
                    .healthCheckGracePeriodSeconds(grace == null ? 0 : grace)
                    .schedulingStrategy(scheduling)
                    .deploymentController(controller)
                    .propagateTags(propagate)
                    .enableECSManagedTags(Boolean.TRUE.equals(request.enableECSManagedTags()))
                    .enableExecuteCommand(Boolean.TRUE.equals(request.enableExecuteCommand()))
                    .tags(tags)
                    .createdAt(now)
                    .createdBy(resources.arns().rootPrincipal())
                    .clientToken(request.clientToken())
                    .build()));
        });
        return CreateServiceResponse.builder().service(describe(store.snapshot(), created, true)).build();
    }

    public UpdateServiceResponse updateService(UpdateServiceRequest request) {
        ServiceRules.checkLaunchChoice(null, request.capacityProviderStrategy());
        Integer grace = ServiceRules.gracePeriod(request.healthCheckGracePeriodSeconds());
        if (request.desiredCount() != null) {
            commands.checkDesiredCount(request.desiredCount());
        }
        Service updated = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            Service service = activeService(tx, cluster, request.service());
            if (service.runsTaskSets()) {
                ExternalServiceRules.checkUpdate(request, service.deploymentController());
                return commands.apply(tx, new ServiceCommand.Update(service.serviceArn(), request.desiredCount(),
                        null, null, null, null, null, null,
                        request.deploymentConfiguration() == null ? null : ServiceRules.deploymentConfiguration(
                                request.deploymentConfiguration(), service.deploymentConfiguration()),
                        grace,
                        request.hasPlacementConstraints()
                                ? ServiceRules.placementConstraints(request.placementConstraints()) : null,
                        request.hasPlacementStrategy()
                                ? ServiceRules.placementStrategy(request.placementStrategy()) : null,
                        request.propagateTagsAsString() == null ? null
                                : ServiceRules.propagateTags(request.propagateTagsAsString()),
                        request.enableECSManagedTags(), request.enableExecuteCommand(), false));
            }
            TaskDefinition definition = tx.find(Kind.TASK_DEFINITION, service.taskDefinition()).orElse(null);
            String taskDefinition = null;
            if (request.taskDefinition() != null) {
                definition = resources.runnableTaskDefinition(tx.state(), request.taskDefinition());
                taskDefinition = definition.taskDefinitionArn();
            }
            ServiceLaunchChecks.requireDefinition(definition);
            if (taskDefinition != null && !request.hasLoadBalancers()) {
                ServiceRules.checkLoadBalancersFit(service.loadBalancers(), definition);
            }
            NetworkConfiguration network = request.networkConfiguration() == null ? null
                    : SdkBridge.toModel(request.networkConfiguration(), NetworkConfiguration.class);
            List<CapacityProviderStrategyItem> strategy = request.capacityProviderStrategy().isEmpty() ? null
                    : ClusterMapper.strategyFromSdk(request.capacityProviderStrategy());
            // the same checks as the console's scale and force-new-deployment make of an unchanged service
            ServiceLaunchChecks.checkUpdate(cluster, service, definition, network, strategy);
            return commands.apply(tx, new ServiceCommand.Update(
                    service.serviceArn(),
                    request.desiredCount(),
                    taskDefinition,
                    network,
                    strategy,
                    request.platformVersion(),
                    request.hasLoadBalancers() ? ServiceRules.loadBalancers(tx.state(), request.loadBalancers(), definition) : null,
                    request.hasServiceRegistries() ? ServiceRules.serviceRegistries(request.serviceRegistries()) : null,
                    request.deploymentConfiguration() == null ? null : ServiceRules.deploymentConfiguration(
                            request.deploymentConfiguration(), service.deploymentConfiguration()),
                    grace,
                    request.hasPlacementConstraints()
                            ? ServiceRules.placementConstraints(request.placementConstraints()) : null,
                    request.hasPlacementStrategy() ? ServiceRules.placementStrategy(request.placementStrategy()) : null,
                    request.propagateTagsAsString() == null ? null
                            : ServiceRules.propagateTags(request.propagateTagsAsString()),
                    request.enableECSManagedTags(),
                    request.enableExecuteCommand(),
                    Boolean.TRUE.equals(request.forceNewDeployment())));
        });
        return UpdateServiceResponse.builder().service(describe(store.snapshot(), updated, false)).build();
    }

    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        if (request.services().isEmpty() || request.services().size() > 10) {
            throw ApiException.invalidParameter("DescribeServices takes 1 to 10 services; the request names "
                    + request.services().size() + ".");
        }
        boolean includeTags = EcsResources.includesTags(request.includeAsStrings());
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        List<software.amazon.awssdk.services.ecs.model.Service> services = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String identifier : request.services()) {
            String arn = serviceArn(cluster, identifier);
            Service service = find(state, cluster, arn).orElse(null);
            if (service == null) {
                failures.add(Failure.builder().arn(arn).reason("MISSING").build());
            } else {
                services.add(describe(state, service, includeTags));
            }
        }
        return DescribeServicesResponse.builder().services(services).failures(failures).build();
    }

    public ListServicesResponse listServices(ListServicesRequest request) {
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        String launchType = request.launchTypeAsString();
        String scheduling = request.schedulingStrategyAsString();
        List<Service> services = state.withKeyPrefix(Kind.SERVICE, resources.arns().service(cluster.clusterName(), ""))
                .filter(Service::isActive)
                // A service on a capacity provider strategy has no launch type, as DescribeServices shows it.
                .filter(s -> launchType == null || launchType.equals(s.launchType()))
                .filter(s -> scheduling == null || scheduling.equals(s.schedulingStrategy()))
                .toList();
        Pages.Page<Service> page = Pages.page(services, Service::serviceArn, request.maxResults(), 10, 100,
                request.nextToken());
        return ListServicesResponse.builder()
                .serviceArns(page.items().stream().map(Service::serviceArn).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public DeleteServiceResponse deleteService(DeleteServiceRequest request) {
        Service deleted = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            Service service = find(tx.state(), cluster, serviceArn(cluster, request.service()))
                    .filter(s -> s.status() != ServiceStatus.INACTIVE)
                    .orElseThrow(() -> new ApiException(ErrorType.SERVICE_NOT_FOUND, "Service not found."));
            if (service.status() == ServiceStatus.DRAINING) {
                return service;
            }
            if (service.desiredCount() > 0 && !Boolean.TRUE.equals(request.force())) {
                throw ApiException.invalidParameter("The service cannot be stopped while it is scaled above 0.");
            }
            return commands.apply(tx, new ServiceCommand.Delete(service.serviceArn()));
        });
        return DeleteServiceResponse.builder().service(describe(store.snapshot(), deleted, false)).build();
    }

    private Service activeService(Transaction tx, Cluster cluster, String identifier) {
        return ActiveResources.service(find(tx.state(), cluster, serviceArn(cluster, identifier)).orElse(null));
    }

    /** A service of this cluster: an ARN naming a service of another cluster does not find it. */
    private static Optional<Service> find(Snapshot state, Cluster cluster, String serviceArn) {
        return state.find(Kind.SERVICE, serviceArn).filter(s -> s.clusterArn().equals(cluster.clusterArn()));
    }

    private String serviceArn(Cluster cluster, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.invalidParameter("The service name or ARN is required.");
        }
        return Arns.isArn(identifier) ? identifier : resources.arns().service(cluster.clusterName(), identifier);
    }

    private software.amazon.awssdk.services.ecs.model.Service describe(Snapshot state, Service service, boolean tags) {
        return ServiceMapper.toSdk(state, service, resources.arns().ecsServiceLinkedRole(), tags);
    }
}
