package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Lists;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one owner of what a command does to a service: {@link #decide} is a pure function of the service as it is
 * and the command; {@link #apply} writes its answer within the caller's transaction (where the API has just
 * validated the request), {@link #submit} in a transaction of its own. Everything that happens to a deployment
 * after it starts is the {@link ServicePlanner}'s.
 */
public final class ServiceCommands {
    private final StateStore store;
    private final LongSupplier random;
    private final EcsQuotas quotas;

    /** Commands within ECS's default quotas. */
    public ServiceCommands(StateStore store, LongSupplier random) {
        this(store, random, EcsQuotas.ECS);
    }

    public ServiceCommands(StateStore store, LongSupplier random, EcsQuotas quotas) {
        this.store = store;
        this.random = random;
        this.quotas = quotas;
    }

    /** Runs a command in a write of its own, checking only that its service exists and is ACTIVE. */
    public Service submit(ServiceCommand command) {
        return store.write(tx -> apply(tx, command));
    }

    /**
     * Runs a command within {@code tx}; answers the service as written. Every path that sets a desired count (the
     * API, Application Auto Scaling) comes through here, so the tasks-per-service quota is checked here for all.
     */
    public Service apply(Transaction tx, ServiceCommand command) {
        desiredCountOf(command).ifPresent(this::checkDesiredCount);
        Service current = command instanceof ServiceCommand.Create create ? null
                : tx.find(Kind.SERVICE, arnOf(command)).filter(Service::isActive)
                        .orElseThrow(() -> new ApiException(ErrorType.SERVICE_NOT_FOUND, "Service not found."));
        Service next = command instanceof ServiceCommand.StopDeployment stop
                // the rollback goes back to what the deployment history says the service last completed
                ? DeploymentStops.decide(current, stop, tx.now(), this::newEventId,
                        RollbackTargets.lastCompleted(tx.state(), current).orElse(null))
                : decide(current, command, tx.now(), this::newDeploymentId, this::newEventId);
        // task sets follow a new desired count at once, as ECS answers their computed count straight away
        next = next.runsTaskSets() ? TaskSets.followDesiredCount(next, tx.now()) : next;
        if (next.equals(current)) {
            return current;
        }
        tx.put(Kind.SERVICE, next);
        ServiceHistoryWriter.record(tx, current, next);
        return next;
    }

    /**
     * Refuses a desired count below 0 or above the tasks-per-service quota, with ECS's errors. {@link #apply} checks
     * every command's; the API also calls it before it reads the state, so a bad count is refused first, as ECS does.
     */
    public void checkDesiredCount(int desiredCount) {
        if (desiredCount < 0) {
            throw ApiException.invalidParameter("desiredCount must be 0 or more.");
        }
        quotas.checkDesiredCount(desiredCount);
    }

    private static Optional<Integer> desiredCountOf(ServiceCommand command) {
        return switch (command) {
            case ServiceCommand.Create create -> Optional.of(create.service().desiredCount());
            case ServiceCommand.Update update -> Optional.ofNullable(update.desiredCount());
            case ServiceCommand.SetDesiredCount scale -> Optional.of(scale.desiredCount());
            case ServiceCommand.Delete delete -> Optional.empty();
            case ServiceCommand.StopDeployment stop -> Optional.empty();
        };
    }

    private static String arnOf(ServiceCommand command) {
        return switch (command) {
            case ServiceCommand.Create create -> create.service().serviceArn();
            case ServiceCommand.Update update -> update.serviceArn();
            case ServiceCommand.SetDesiredCount scale -> scale.serviceArn();
            case ServiceCommand.Delete delete -> delete.serviceArn();
            case ServiceCommand.StopDeployment stop -> stop.serviceArn();
        };
    }

    /**
     * ECS's refusal of an update a service deployed through task sets cannot take ({@code refused}: "Unable to update
     * task definition", "Cannot force a new deployment"...): its controller deploys it, not UpdateService.
     */
    public static ApiException taskSetUpdateRefused(String refused, String controller) {
        return ApiException.invalidParameter(refused + " on services with a " + controller + " deployment "
                + "controller. " + (Service.CODE_DEPLOY.equals(controller)
                        ? "Use AWS CodeDeploy to trigger a new deployment."
                        : "Create a new task set instead (CreateTaskSet)."));
    }

    /** A new task set's id: ECS gives task sets ids of the same form as deployments. */
    public String newTaskSetId() {
        return newDeploymentId();
    }

    /** ECS's deployment ids: "ecs-svc/" and nineteen digits. */
    private String newDeploymentId() {
        return "ecs-svc/" + (1_000_000_000_000_000_000L + Math.floorMod(random.getAsLong(), 8_000_000_000_000_000_000L));
    }

    private String newEventId() {
        return new UUID(random.getAsLong(), random.getAsLong()).toString();
    }

    /** As {@link #decide(Service, ServiceCommand, Instant, Supplier, Supplier)}, events taking deployment ids. */
    public static Service decide(Service current, ServiceCommand command, Instant now,
            Supplier<String> deploymentIds) {
        return decide(current, command, now, deploymentIds, deploymentIds);
    }

    /**
     * The service after {@code command}, at {@code now}. A deployment starts when a service is created, and when an
     * update changes what its tasks are made of (task definition, network, capacity, platform version, load
     * balancers, service registries) or forces one; it takes its id from {@code deploymentIds}.
     */
    public static Service decide(Service current, ServiceCommand command, Instant now,
            Supplier<String> deploymentIds, Supplier<String> eventIds) {
        return switch (command) {
            // an external controller's service starts with no deployment: it runs the task sets made for it
            case ServiceCommand.Create create -> create.service().isExternal()
                    ? create.service().toBuilder().deployments(List.of()).taskSets(List.of()).events(List.of()).build()
                    : create.service().runsTaskSets()
                    ? create.service().toBuilder().deployments(List.of()).events(List.of())
                            .taskSets(List.of(TaskSets.initial(create.service(), deploymentIds.get(), now))).build()
                    : create.service().toBuilder()
                            .deployments(List.of(deploymentOf(create.service(), deploymentIds.get(), now)))
                            .events(List.of())
                            .build();
            case ServiceCommand.Update update -> update(current, update, now, deploymentIds);
            case ServiceCommand.SetDesiredCount scale -> current.toBuilder().desiredCount(scale.desiredCount()).build();
            case ServiceCommand.Delete delete -> current.toBuilder().status(ServiceStatus.DRAINING).desiredCount(0)
                    .lastSteadyStateAt(null).build();
            case ServiceCommand.StopDeployment stop -> DeploymentStops.decide(current, stop, now, eventIds);
        };
    }

    private static Service update(Service current, ServiceCommand.Update update, Instant now,
            Supplier<String> deploymentIds) {
        if (update.forceNewDeployment() && current.runsTaskSets()) {
            throw taskSetUpdateRefused("Cannot force a new deployment", current.deploymentController());
        }
        Service.Builder next = current.toBuilder();
        boolean redeploy = update.forceNewDeployment();
        if (update.taskDefinition() != null && !update.taskDefinition().equals(current.taskDefinition())) {
            redeploy = true;
            next.taskDefinition(update.taskDefinition());
            // a new revision is a new chance: the launch throttle of the old one does not carry over
            ServicePlanner.clearThrottle(next, current);
        }
        if (update.networkConfiguration() != null) {
            redeploy |= !Objects.equals(update.networkConfiguration(), current.networkConfiguration());
            next.networkConfiguration(update.networkConfiguration());
        }
        if (update.capacityProviderStrategy() != null) {
            redeploy |= !Objects.equals(update.capacityProviderStrategy(), current.capacityProviderStrategy());
            next.capacityProviderStrategy(update.capacityProviderStrategy()).launchType(null);
        }
        if (update.platformVersion() != null && !update.platformVersion().equals(current.platformVersion())) {
            redeploy = true;
            next.platformVersion(update.platformVersion());
        }
        if (update.loadBalancers() != null) {
            redeploy |= !Objects.equals(update.loadBalancers(), current.loadBalancers());
            next.loadBalancers(update.loadBalancers());
        }
        if (update.serviceRegistries() != null) {
            redeploy |= !Objects.equals(update.serviceRegistries(), current.serviceRegistries());
            next.serviceRegistries(update.serviceRegistries());
        }
        if (update.desiredCount() != null) {
            next.desiredCount(update.desiredCount());
        }
        if (update.deploymentConfiguration() != null) {
            next.deploymentConfiguration(update.deploymentConfiguration());
        }
        if (update.healthCheckGracePeriodSeconds() != null) {
            next.healthCheckGracePeriodSeconds(update.healthCheckGracePeriodSeconds());
        }
        if (update.placementConstraints() != null) {
            next.placementConstraints(update.placementConstraints());
        }
        if (update.placementStrategy() != null) {
            next.placementStrategy(update.placementStrategy());
        }
        if (update.propagateTags() != null) {
            next.propagateTags(update.propagateTags());
        }
        if (update.enableECSManagedTags() != null) {
            next.enableECSManagedTags(update.enableECSManagedTags());
        }
        if (update.enableExecuteCommand() != null) {
            next.enableExecuteCommand(update.enableExecuteCommand());
        }
        Service built = next.build();
        if (!redeploy || current.runsTaskSets()) {
            return built;
        }
        List<Deployment> deployments = new ArrayList<>();
        deployments.add(deploymentOf(built, deploymentIds.get(), now));
        for (Deployment old : Lists.orEmpty(current.deployments())) {
            deployments.add(old.status() == DeploymentStatus.PRIMARY ? old.withStatus(DeploymentStatus.ACTIVE, now) : old);
        }
        return built.toBuilder().deployments(deployments).lastSteadyStateAt(null).build();
    }

    /** A new PRIMARY deployment of the service's task definition and launch settings, IN_PROGRESS. */
    private static Deployment deploymentOf(Service service, String id, Instant now) {
        return new Deployment(id, DeploymentStatus.PRIMARY, service.taskDefinition(), service.desiredCount(), 0, now,
                now, service.launchType(), service.capacityProviderStrategy(), service.platformVersion(),
                service.networkConfiguration(), RolloutState.IN_PROGRESS, "ECS deployment " + id + " in progress.",
                Lists.orEmpty(service.loadBalancers()));
    }
}
