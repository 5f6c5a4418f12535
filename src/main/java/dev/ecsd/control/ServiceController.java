package dev.ecsd.control;

import dev.ecsd.control.elb.TargetRegistrations;
import dev.ecsd.control.runtime.Controller;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceBookkeeping;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.model.elb.Target;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The service scheduler: one reconcile function of a service, run by the {@link ControllerRuntime}. Any change to
 * a service or one of its tasks queues the service. A reconcile plans on a snapshot, outside the store's writer
 * lock, with {@link ServicePlanner}, then commits the plan's actions in one write that first checks the service
 * and its tasks are still what the plan saw (planning again if not). A grace period or throttle ending is a
 * requeue at that instant on the timer; a resync now and then only queues services, every one on a full pass and
 * between those only the ones whose inputs changed since their last reconcile found nothing to do
 * ({@link QuietServices}).
 */
public final class ServiceController {
    public static final String NAME = "services";
    static final Duration RESYNC = Duration.ofSeconds(10);
    private static final int WORKERS = 2;
    /** Plans made outside the lock that may be overtaken by other writes before the last is made under it. */
    private static final int OPTIMISTIC_ATTEMPTS = 3;
    private static final String WARNING_PLACEMENT = "placement:";
    /** {@link TaskLaunch}'s reason when the EC2 launch type has no container instance to run on. */
    private static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";

    private final StateStore store;
    private final Arns arns;
    private final TaskLaunch launch;
    private final Supplier<String> ids;
    private final Controller controller;
    private final QuietServices quiet = new QuietServices();
    /** Resyncs so far; read and written on the timer's thread only. */
    private long resyncs;

    public ServiceController(StateStore store, Arns arns, TaskLaunch launch, ControllerRuntime runtime,
            Supplier<String> ids) {
        this.store = store;
        this.arns = arns;
        this.launch = launch;
        this.ids = ids;
        store.subscribe(this::onChanges);
        this.controller = runtime.register(NAME, this::reconcile, this::servicesToResync, RESYNC, WORKERS);
    }

    /**
     * Every active service on a full pass (the first, then one in {@link QuietServices#FULL_PASS_EVERY}); between
     * them, only those whose inputs changed since their last reconcile found nothing to do. Runs on the timer only.
     */
    private List<String> servicesToResync() {
        Snapshot state = store.snapshot();
        boolean full = resyncs++ % QuietServices.FULL_PASS_EVERY == 0;
        return state.all(Kind.SERVICE).filter(s -> s.status() != ServiceStatus.INACTIVE)
                .filter(s -> full || !quiet.unchanged(state, s))
                .map(Service::serviceArn).toList();
    }

    private void onChanges(List<Change> changes) {
        for (Change change : changes) {
            if (change.kind() == Kind.SERVICE) {
                controller.enqueue(change.key());
            } else if (change.kind() == Kind.TASK) {
                enqueueServiceOf((Task) (change.after() != null ? change.after() : change.before()));
            } else if (change.kind() == Kind.TASK_PROTECTION) {
                // protection turned off (or on) changes what a scale-in may stop
                store.snapshot().find(Kind.TASK, change.key()).ifPresent(this::enqueueServiceOf);
            } else if (change.kind() == Kind.TARGET) {
                Target target = (Target) (change.after() != null ? change.after() : change.before());
                if (target.taskArn() != null) {
                    store.snapshot().find(Kind.TASK, target.taskArn()).ifPresent(this::enqueueServiceOf);
                }
            }
        }
    }

    private void enqueueServiceOf(Task task) {
        if (task.group() != null && task.group().startsWith("service:")) {
            controller.enqueue(arns.service(Arns.lastSegment(task.clusterArn()),
                    task.group().substring("service:".length())));
        }
    }

    /**
     * What a plan was made on (the service, its cluster and every task of its group, as the snapshot held them), the
     * plan, and where its new tasks go, by deployment id. Placement on FARGATE capacity reads nothing else, so a plan
     * whose records are all unchanged at commit still places its tasks where it said. (Placement on container
     * instances will read the instances and their tasks too, and must check them at commit as well.)
     */
    private record Planned(Service service, Cluster cluster, List<Task> groupTasks, List<Target> targets,
            ServicePlan plan, Map<String, Placement> placements) {
    }

    /** One reconciliation of one service: plan on a snapshot, commit if nothing the plan read has changed. */
    private Outcome reconcile(String serviceArn) {
        quiet.forget(serviceArn);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= OPTIMISTIC_ATTEMPTS;
            Snapshot state = store.snapshot();
            Planned planned = last ? null : plan(state, serviceArn, store.now());
            if (!last && (planned == null || planned.plan().changesNothing(planned.service()))) {
                if (planned != null) {
                    quiet.foundNothingToDo(state, planned.service());
                }
                return outcome(planned);
            }
            Planned committed = store.write(tx -> {
                Planned current = planned;
                if (current == null || !stillCurrent(tx.state(), current)) {
                    if (!last) {
                        return null;
                    }
                    current = plan(tx.state(), serviceArn, tx.now());
                    if (current == null || current.plan().changesNothing(current.service())) {
                        return current;
                    }
                }
                apply(tx, current);
                return current;
            });
            if (committed != null || last) {
                return outcome(committed);
            }
        }
    }

    private static Outcome outcome(Planned planned) {
        Instant recheck = planned == null ? null : planned.plan().recheckAt();
        return recheck == null ? Outcome.done() : Outcome.lookAgainAt(recheck);
    }

    private Planned plan(Snapshot state, String serviceArn, Instant now) {
        Service service = state.find(Kind.SERVICE, serviceArn).orElse(null);
        if (service == null || service.status() == ServiceStatus.INACTIVE) {
            return null;
        }
        List<Task> groupTasks = groupTasksOf(state, service);
        List<Task> tasks = groupTasks.stream().filter(service::owns).toList();
        Map<String, TaskDefinition> definitions = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        tasks.forEach(t -> wanted.add(t.taskDefinitionArn()));
        service.deployments().forEach(d -> wanted.add(d.taskDefinition()));
        Lists.orEmpty(service.taskSets()).forEach(d -> wanted.add(d.taskDefinition()));
        wanted.forEach(arn -> state.find(Kind.TASK_DEFINITION, arn).ifPresent(d -> definitions.put(arn, d)));
        List<Target> targets = targetsOf(state, tasks);
        Map<String, List<Target>> targetsByTask = new HashMap<>();
        targets.forEach(t -> targetsByTask.computeIfAbsent(t.taskArn(), k -> new ArrayList<>()).add(t));
        Set<String> targetGroups = new HashSet<>();
        List<dev.ecsd.model.LoadBalancer> named = new ArrayList<>(Lists.orEmpty(service.loadBalancers()));
        service.deployments().forEach(d -> named.addAll(Lists.orEmpty(d.loadBalancers())));
        Lists.orEmpty(service.taskSets()).forEach(d -> named.addAll(Lists.orEmpty(d.loadBalancers())));
        named.forEach(l -> state.find(Kind.TARGET_GROUP, String.valueOf(l.targetGroupArn()))
                .ifPresent(g -> targetGroups.add(g.targetGroupArn())));
        Map<String, Instant> protectedUntil = new HashMap<>();
        tasks.forEach(t -> state.find(Kind.TASK_PROTECTION, t.taskArn())
                .ifPresent(p -> protectedUntil.put(t.taskArn(), p.expirationDate())));
        ServicePlanner.ServiceView view = new ServicePlanner.ServiceView(service, tasks, definitions, now, ids,
                targetsByTask, targetGroups, protectedUntil, RollbackTargets.lastCompleted(state, service).orElse(null));
        // a service of task sets is moved between them by its controller (external, CodeDeploy): no rolling
        ServicePlan plan = service.runsTaskSets() ? TaskSetPlanner.plan(view) : ServicePlanner.plan(view);
        Map<String, Placement> placements = new HashMap<>();
        for (ServiceAction.StartTasks start : plan.launches()) {
            Deployment deployment = launchUnit(plan.service(), start.deploymentId());
            placements.put(start.deploymentId(), place(state, plan.service(), deployment, start.count()));
        }
        return new Planned(service, state.find(Kind.CLUSTER, service.clusterArn()).orElse(null), groupTasks, targets,
                plan, placements);
    }

    /**
     * The load balancer targets registered for the service's tasks, in whichever target group (a service whose load
     * balancers changed still has targets in the old ones), found by the targets' index by task.
     */
    private static List<Target> targetsOf(Snapshot state, List<Task> tasks) {
        if (state.count(Kind.TARGET) == 0) {
            return List.of();
        }
        List<Target> targets = new ArrayList<>();
        tasks.forEach(t -> state.indexed(Kind.TARGET, Kind.taskTargetsKey(t.taskArn())).forEach(targets::add));
        return targets;
    }

    /** Every task of the service's group: its own, and any a user ran in that group (placement counts them all). */
    private static List<Task> groupTasksOf(Snapshot state, Service service) {
        return state.indexed(Kind.TASK, Kind.groupKey(service.clusterArn(), service.taskGroup())).toList();
    }

    /** The service, its cluster and its group's tasks are the very records the plan read: none was written since. */
    private static boolean stillCurrent(Snapshot state, Planned planned) {
        Service service = planned.service();
        if (state.find(Kind.SERVICE, service.serviceArn()).orElse(null) != service
                || state.find(Kind.CLUSTER, service.clusterArn()).orElse(null) != planned.cluster()) {
            return false;
        }
        List<Task> now = groupTasksOf(state, service);
        if (!sameRecords(now, planned.groupTasks())) {
            return false;
        }
        return sameRecords(targetsOf(state, now.stream().filter(service::owns).toList()), planned.targets());
    }

    private static <T> boolean sameRecords(List<T> now, List<T> planned) {
        if (now.size() != planned.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i) != planned.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Carries out a plan: stops and starts tasks, then writes the service as the plan and the launches leave it. */
    private void apply(Transaction tx, Planned planned) {
        ServicePlan plan = planned.plan();
        for (ServiceAction.StopTask stop : plan.stops()) {
            tx.find(Kind.TASK, stop.taskArn()).filter(t -> t.desiredStatus() == DesiredStatus.RUNNING)
                    .ifPresent(task -> tx.put(Kind.TASK, task.toBuilder()
                            .desiredStatus(DesiredStatus.STOPPED)
                            .stopCode(TaskStopCode.ServiceSchedulerInitiated)
                            .stoppedReason(stop.reason())
                            .stoppingAt(tx.now())
                            .build()));
        }
        for (ServiceAction.DeregisterTargets deregister : plan.deregistrations()) {
            tx.find(Kind.TARGET_GROUP, deregister.targetGroupArn()).ifPresent(group -> deregister.targets()
                    .forEach(ref -> TargetRegistrations.deregister(tx, group, ref.id(), ref.port())));
        }
        for (ServiceAction.RegisterTargets register : plan.registrations()) {
            // a target group deleted since the service was created: nothing to register in (the event says so)
            tx.find(Kind.TARGET_GROUP, register.targetGroupArn()).ifPresent(group -> register.targets()
                    .forEach(ref -> TargetRegistrations.register(tx, group, ref.id(), ref.port(),
                            ref.availabilityZone(), ref.taskArn())));
        }
        Service service = plan.service();
        List<ServiceAction> outcomes = new ArrayList<>();
        Set<String> warnings = new HashSet<>(service.raisedWarnings());
        boolean launchedAny = false;
        for (ServiceAction.StartTasks request : plan.launches()) {
            Deployment deployment = launchUnit(service, request.deploymentId());
            Launched launched = launch(tx, service, deployment, planned.placements().get(deployment.id()));
            if (launched.unplacedReason() == null) {
                // a task set's events name it, as ECS's do: "(service web, taskSet ecs-svc/…) has started …"
                String subject = service.taskSet(deployment.id()).isPresent()
                        ? "(service " + service.serviceName() + ", taskSet " + deployment.id() + ")"
                        : "(service " + service.serviceName() + ")";
                String message = subject + " has started " + launched.taskIds().size()
                        + " tasks: " + ServicePlanner.taskList(launched.taskIds()) + ".";
                if (request.replacingUnhealthy() > 0) {
                    message += " Amazon ECS replaced " + request.replacingUnhealthy()
                            + " tasks due to an unhealthy status.";
                }
                outcomes.add(new ServiceAction.AppendEvent(message));
                warnings.removeIf(w -> w.startsWith(WARNING_PLACEMENT));
                launchedAny = true;
            } else if (warnings.add(WARNING_PLACEMENT + launched.unplacedReason())) {
                outcomes.add(new ServiceAction.AppendEvent(unableToPlace(service.serviceName(),
                        launched.unplacedReason())));
            }
        }
        if (!warnings.equals(service.raisedWarnings()) || launchedAny) {
            ServiceBookkeeping book = service.bookkeeping();
            outcomes.add(new ServiceAction.SetBookkeeping(new ServiceBookkeeping(book.lastCompletedDeployment(),
                    book.consecutiveStartFailures(), book.throttledUntil(), book.accountedTasks(), warnings,
                    launchedAny ? null : book.lastSteadyStateAt())));
        }
        Service written = ServiceActions.apply(service, outcomes, tx.now(), ids);
        // A launch that failed again for a reason already reported changes nothing: writing the same service
        // would announce a change, queue the service again and spin.
        if (!written.equals(planned.service())) {
            tx.put(Kind.SERVICE, written);
            ServiceHistoryWriter.record(tx, planned.service(), written);
        }
    }

    /** What a launch starts tasks for: a deployment, or a task set (which launches as a deployment does). */
    private static Deployment launchUnit(Service service, String id) {
        return Lists.orEmpty(service.deployments()).stream().filter(d -> d.id().equals(id)).findFirst()
                .or(() -> service.taskSet(id).map(TaskSet::asDeployment)).orElseThrow();
    }

    /** ECS's event for a task it could not place, in its wording for the reasons it words its own way. */
    static String unableToPlace(String serviceName, String reason) {
        if (NO_CONTAINER_INSTANCES.equals(reason)) {
            return "(service " + serviceName + ") was unable to place a task because no container instance met all "
                    + "of its requirements. Reason: No Container Instances were found in your cluster. For more "
                    + "information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
        }
        return "(service " + serviceName + ") was unable to place a task. Reason: " + reason;
    }

    /** The tasks a launch started, or why none could be placed. */
    private record Launched(List<String> taskIds, String unplacedReason) {
    }

    /** Where a deployment's new tasks go, planned on a snapshot, or why they cannot be placed. */
    private Placement place(Snapshot state, Service service, Deployment deployment, int count) {
        Cluster cluster = state.find(Kind.CLUSTER, service.clusterArn()).filter(Cluster::isActive).orElse(null);
        if (cluster == null) {
            return Placement.none("The cluster of the service is not active.");
        }
        TaskDefinition definition = state.find(Kind.TASK_DEFINITION, deployment.taskDefinition()).orElse(null);
        if (definition == null) {
            return Placement.none("The task definition " + deployment.taskDefinition() + " does not exist.");
        }
        return launch.place(state, cluster, definition, deployment.launchType(),
                deployment.capacityProviderStrategy() == null ? List.of() : deployment.capacityProviderStrategy(),
                service.taskGroup(), count);
    }

    private Launched launch(Transaction tx, Service service, Deployment deployment, Placement placement) {
        if (placement.unplacedReason() != null) {
            return new Launched(List.of(), placement.unplacedReason());
        }
        // re-checked on commit: the plan's check of the cluster and the definition was made on a snapshot
        Cluster cluster = tx.find(Kind.CLUSTER, service.clusterArn()).filter(Cluster::isActive).orElse(null);
        TaskDefinition definition = tx.find(Kind.TASK_DEFINITION, deployment.taskDefinition()).orElse(null);
        if (cluster == null || definition == null) {
            return new Launched(List.of(), place(tx.state(), service, deployment, 0).unplacedReason());
        }
        boolean propagateService = "SERVICE".equals(service.propagateTags());
        List<String> started = new ArrayList<>();
        try {
            // Each task is written as it is made, so the next one's zone counts it (TaskLaunch spreads over zones).
            // A refusal comes from checks of the deployment's settings, the same for every task: it comes on the
            // first, before anything is written.
            for (String provider : placement.capacityProviders()) {
                Task task = tx.put(Kind.TASK, launch.newTask(tx, cluster, definition, new TaskLaunch.Request(provider,
                        deployment.launchType() != null, TaskOverride.none(), deployment.networkConfiguration(),
                        service.taskGroup(), deployment.id(),
                        launch.tags(cluster, definition, propagateService ? service.tags() : List.of(),
                                propagateService ? "NONE" : service.propagateTags(), service.enableECSManagedTags(),
                                service.serviceName()),
                        service.enableExecuteCommand())));
                started.add(task.taskId());
            }
        } catch (ApiException refused) {
            // ECS's checks of a launch (its network, its overrides) refusing a deployment's settings: an event, as
            // for a task that cannot be placed, not a reconcile that fails and is retried for ever
            return new Launched(List.of(), refused.getMessage());
        }
        return new Launched(started, null);
    }
}
