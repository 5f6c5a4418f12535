package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.ServiceLaunchChecks;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.control.TaskSets;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Lists;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.Service;
import dev.ecsd.model.StabilityStatus;
import dev.ecsd.model.Tag;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskSetStatus;
import dev.ecsd.scheduler.CapacityProviders;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetResponse;

/**
 * CreateTaskSet, DescribeTaskSets, UpdateTaskSet, UpdateServicePrimaryTaskSet and DeleteTaskSet: the task set API of
 * services with the EXTERNAL deployment controller. Task sets are kept in their service's record; what each
 * operation means for it is decided by {@link TaskSets}.
 */
public final class TaskSetOperations {
    private final StateStore store;
    private final EcsResources resources;
    private final ServiceCommands commands;

    public TaskSetOperations(StateStore store, EcsResources resources, ServiceCommands commands) {
        this.store = store;
        this.resources = resources;
        this.commands = commands;
    }

    public CreateTaskSetResponse createTaskSet(CreateTaskSetRequest request) {
        ServiceRules.checkLaunchChoice(request.launchTypeAsString(), request.capacityProviderStrategy());
        double percent = scalePercent(request.scale());
        List<Tag> tags = TagRules.validate(ClusterMapper.tagsFromSdk(request.tags()));
        List<CapacityProviderStrategyItem> strategy = ClusterMapper.strategyFromSdk(request.capacityProviderStrategy());
        String id = commands.newTaskSetId();
        Created created = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            Service service = externalService(tx.state(), cluster, request.service());
            // a retried request (same client token) answers the set it created, as ECS's idempotent calls do
            if (request.clientToken() != null) {
                TaskSet earlier = Lists.orEmpty(service.taskSets()).stream()
                        .filter(s -> request.clientToken().equals(s.clientToken())).findFirst().orElse(null);
                if (earlier != null) {
                    return new Created(service, earlier);
                }
            }
            TaskDefinition definition = resources.runnableTaskDefinition(tx.state(), request.taskDefinition());
            String launchType = request.launchTypeAsString();
            List<CapacityProviderStrategyItem> effectiveStrategy = strategy;
            if (launchType == null && strategy.isEmpty()) {
                effectiveStrategy = Lists.orEmpty(cluster.defaultCapacityProviderStrategy());
                CapacityProviders.requireUsableDefault(effectiveStrategy);
                if (effectiveStrategy.isEmpty()) {
                    launchType = "EC2";
                }
            }
            ServiceLaunchChecks.checkCapacity(cluster, definition, launchType, effectiveStrategy, "REPLICA");
            NetworkConfiguration network = SdkBridge.toModel(request.networkConfiguration(), NetworkConfiguration.class);
            TaskLaunch.validateNetwork(definition, network);
            List<LoadBalancer> loadBalancers = ServiceRules.loadBalancers(tx.state(), request.loadBalancers(),
                    definition);
            Instant now = tx.now();
            String platformVersion = request.platformVersion() != null ? request.platformVersion()
                    : "EC2".equals(launchType) ? null : "LATEST";
            TaskSet set = new TaskSet(id, resources.arns().taskSet(cluster.clusterName(), service.serviceName(), id),
                    null, request.externalId(), TaskSetStatus.ACTIVE, definition.taskDefinitionArn(),
                    TaskSet.computedDesiredCount(service.desiredCount(), percent), percent, now, now, launchType,
                    effectiveStrategy.isEmpty() ? null : effectiveStrategy, platformVersion, network, loadBalancers,
                    ServiceRules.serviceRegistries(request.serviceRegistries()), StabilityStatus.STABILIZING, now,
                    tags).withClientToken(request.clientToken());
            Service written = TaskSets.create(service, set);
            tx.put(Kind.SERVICE, written);
            return new Created(written, set);
        });
        return CreateTaskSetResponse.builder()
                .taskSet(TaskSetMapper.toSdk(store.snapshot(), created.service(), created.taskSet(), true)).build();
    }

    public DescribeTaskSetsResponse describeTaskSets(DescribeTaskSetsRequest request) {
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        // a blue/green service's task sets may be read too; only an external controller's may be changed
        Service service = activeService(state, cluster, request.service());
        if (!service.runsTaskSets()) {
            TaskSets.requireExternal(service);
        }
        boolean includeTags = EcsResources.includesTags(request.includeAsStrings());
        List<software.amazon.awssdk.services.ecs.model.TaskSet> sets = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (!request.hasTaskSets() || request.taskSets().isEmpty()) {
            sets.addAll(TaskSetMapper.all(state, service, includeTags));
        } else {
            for (String identifier : request.taskSets()) {
                TaskSet set = Lists.orEmpty(service.taskSets()).stream()
                        .filter(s -> s.id().equals(identifier) || s.taskSetArn().equals(identifier))
                        .findFirst().orElse(null);
                if (set == null) {
                    failures.add(Failure.builder().arn(identifier).reason("MISSING").build());
                } else {
                    sets.add(TaskSetMapper.toSdk(state, service, set, includeTags));
                }
            }
        }
        return DescribeTaskSetsResponse.builder().taskSets(sets).failures(failures).build();
    }

    public UpdateTaskSetResponse updateTaskSet(UpdateTaskSetRequest request) {
        double percent = scalePercent(request.scale());
        Created updated = change(request.cluster(), request.service(), request.taskSet(),
                (service, now) -> TaskSets.scale(service, request.taskSet(), percent, now));
        return UpdateTaskSetResponse.builder().taskSet(describe(updated)).build();
    }

    public UpdateServicePrimaryTaskSetResponse updateServicePrimaryTaskSet(UpdateServicePrimaryTaskSetRequest request) {
        Created updated = change(request.cluster(), request.service(), request.primaryTaskSet(),
                (service, now) -> TaskSets.makePrimary(service, request.primaryTaskSet(), now));
        return UpdateServicePrimaryTaskSetResponse.builder().taskSet(describe(updated)).build();
    }

    public DeleteTaskSetResponse deleteTaskSet(DeleteTaskSetRequest request) {
        boolean force = Boolean.TRUE.equals(request.force());
        Created deleted = change(request.cluster(), request.service(), request.taskSet(),
                (service, now) -> TaskSets.delete(service, request.taskSet(), force, now));
        return DeleteTaskSetResponse.builder().taskSet(describe(deleted)).build();
    }

    /** The service and one of its task sets, as an operation left them. */
    private record Created(Service service, TaskSet taskSet) {
    }

    private Created change(String clusterIdentifier, String serviceIdentifier, String taskSet,
            BiFunction<Service, Instant, Service> operation) {
        return store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), clusterIdentifier);
            Service service = externalService(tx.state(), cluster, serviceIdentifier);
            Service written = operation.apply(service, tx.now());
            if (!written.equals(service)) {
                tx.put(Kind.SERVICE, written);
            }
            return new Created(written, TaskSets.find(written, taskSet));
        });
    }

    private software.amazon.awssdk.services.ecs.model.TaskSet describe(Created changed) {
        return TaskSetMapper.toSdk(store.snapshot(), changed.service(), changed.taskSet(), false);
    }

    /** An ACTIVE service of this cluster with the EXTERNAL deployment controller, or ECS's error. */
    private Service externalService(Snapshot state, Cluster cluster, String identifier) {
        Service service = activeService(state, cluster, identifier);
        TaskSets.requireExternal(service);
        return service;
    }

    private Service activeService(Snapshot state, Cluster cluster, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.invalidParameter("The service name or ARN is required.");
        }
        String arn = Arns.isArn(identifier) ? identifier : resources.arns().service(cluster.clusterName(), identifier);
        Service service = state.find(Kind.SERVICE, arn).filter(s -> s.clusterArn().equals(cluster.clusterArn()))
                .orElseThrow(() -> new ApiException(ErrorType.SERVICE_NOT_FOUND, "Service not found."));
        if (!service.isActive()) {
            throw new ApiException(ErrorType.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
        }
        return service;
    }

    /**
     * A scale in percent of the service's desired count: ECS's only unit is PERCENT, from 0 to 100. A set created
     * without a scale runs at 100%.
     */
    private static double scalePercent(Scale scale) {
        if (scale == null) {
            return 100.0;
        }
        if (scale.unitAsString() != null && !"PERCENT".equals(scale.unitAsString())) {
            throw ApiException.invalidParameter("Invalid scale unit '" + Quoted.of(scale.unitAsString())
                    + "'. Valid value is PERCENT.");
        }
        double value = scale.value() == null ? 0.0 : scale.value();
        if (Double.isNaN(value) || value < 0 || value > 100) {
            // ours: the API reference gives the range (0 to 100) but not ECS's message
            throw ApiException.invalidParameter("The scale value must be between 0 and 100 percent; the request "
                    + "gives " + value + ".");
        }
        return value;
    }
}
