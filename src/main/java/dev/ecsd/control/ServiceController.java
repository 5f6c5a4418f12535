package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceEvent;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service scheduler: a level-triggered reconciler. Any change to a service or one of its tasks queues
 * the service; the controller re-reads it, asks {@link ServicePlanner} what to do, and applies the plan in
 * the same store transaction, so a plan is always made on the latest state. A periodic pass catches the rest.
 */
public final class ServiceController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
    private static final Duration RESYNC = Duration.ofSeconds(5);
    private static final String WARNING_PLACEMENT = "placement:";
    /** {@link TaskLaunch}'s reason when the EC2 launch type has no container instance to run on. */
    private static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";

    private final StateStore store;
    private final Arns arns;
    private final TaskLaunch launch;
    private final InstantSource clock;
    private final Supplier<String> ids;
    private final Set<String> queued = new LinkedHashSet<>();
    private final Map<String, Instant> rechecks = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile boolean closed;
    private Thread thread;
    private Instant lastResync = Instant.MIN;

    public ServiceController(StateStore store, Arns arns, TaskLaunch launch, InstantSource clock, Supplier<String> ids) {
        this.store = store;
        this.arns = arns;
        this.launch = launch;
        this.clock = clock;
        this.ids = ids;
    }

    public void start() {
        store.subscribe(this::onChanges);
        thread = Thread.ofVirtual().name("ecsd-service-controller").start(this::loop);
    }

    /** Queues a service for reconciliation. */
    public void enqueue(String serviceArn) {
        synchronized (lock) {
            queued.add(serviceArn);
            lock.notifyAll();
        }
    }

    /** Reconciles every service once, now; for tests that advance a manual clock. */
    public void reconcileAll() {
        store.snapshot().all(Kind.SERVICE).filter(s -> s.status() != ServiceStatus.INACTIVE)
                .forEach(s -> reconcile(s.serviceArn()));
    }

    private void onChanges(List<Change> changes) {
        for (Change change : changes) {
            if (change.kind() == Kind.SERVICE) {
                enqueue(change.key());
            } else if (change.kind() == Kind.TASK) {
                Task task = (Task) (change.after() != null ? change.after() : change.before());
                if (task.group() != null && task.group().startsWith("service:")) {
                    enqueue(serviceArnOf(task));
                }
            }
        }
    }

    private String serviceArnOf(Task task) {
        return arns.service(Arns.lastSegment(task.clusterArn()), task.group().substring("service:".length()));
    }

    private void loop() {
        while (!closed) {
            String next = null;
            synchronized (lock) {
                if (queued.isEmpty()) {
                    try {
                        lock.wait(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!queued.isEmpty()) {
                    next = queued.iterator().next();
                    queued.remove(next);
                }
            }
            try {
                if (next != null) {
                    reconcile(next);
                }
                Instant now = clock.instant();
                rechecks.forEach((arn, at) -> {
                    if (!now.isBefore(at) && rechecks.remove(arn, at)) {
                        enqueue(arn);
                    }
                });
                if (Duration.between(lastResync, now).compareTo(RESYNC) >= 0) {
                    lastResync = now;
                    store.snapshot().all(Kind.SERVICE).filter(s -> s.status() != ServiceStatus.INACTIVE)
                            .forEach(s -> enqueue(s.serviceArn()));
                }
            } catch (RuntimeException e) {
                LOG.error("service scheduler pass failed for {}", next, e);
            }
        }
    }

    /** One reconciliation of one service, planned and applied in a single transaction. */
    public void reconcile(String serviceArn) {
        Instant recheck = store.write(tx -> {
            Service service = tx.find(Kind.SERVICE, serviceArn).orElse(null);
            if (service == null || service.status() == ServiceStatus.INACTIVE) {
                return null;
            }
            List<Task> tasks = tx.state().all(Kind.TASK)
                    .filter(service::owns)
                    .toList();
            Map<String, TaskDefinition> definitions = new HashMap<>();
            Set<String> wanted = new HashSet<>();
            tasks.forEach(t -> wanted.add(t.taskDefinitionArn()));
            service.deployments().forEach(d -> wanted.add(d.taskDefinition()));
            wanted.forEach(arn -> tx.find(Kind.TASK_DEFINITION, arn).ifPresent(d -> definitions.put(arn, d)));
            ServicePlan plan = ServicePlanner.plan(new ServicePlanner.ServiceView(service, tasks, definitions,
                    tx.now(), ids));
            if (plan.changesNothing(service)) {
                return plan.recheckAt();
            }
            apply(tx, plan, definitions);
            return plan.recheckAt();
        });
        if (recheck != null) {
            rechecks.merge(serviceArn, recheck, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    private void apply(Transaction tx, ServicePlan plan, Map<String, TaskDefinition> definitions) {
        for (ServicePlan.Stop stop : plan.stops()) {
            tx.find(Kind.TASK, stop.taskArn()).filter(t -> t.desiredStatus() == DesiredStatus.RUNNING)
                    .ifPresent(task -> tx.put(Kind.TASK, task.toBuilder()
                            .desiredStatus(DesiredStatus.STOPPED)
                            .stopCode(TaskStopCode.ServiceSchedulerInitiated)
                            .stoppedReason(stop.reason())
                            .stoppingAt(tx.now())
                            .build()));
        }
        Service service = plan.service();
        List<String> launchEvents = new ArrayList<>();
        Set<String> warnings = new HashSet<>(service.raisedWarnings());
        for (ServicePlan.Launch request : plan.launches()) {
            Deployment deployment = service.deployments().stream().filter(d -> d.id().equals(request.deploymentId()))
                    .findFirst().orElseThrow();
            try {
                List<String> started = launch(tx, service, deployment, request.count(), definitions);
                String message = "(service " + service.serviceName() + ") has started " + started.size() + " tasks: "
                        + ServicePlanner.taskList(started) + ".";
                if (request.replacingUnhealthy() > 0) {
                    message += " Amazon ECS replaced " + request.replacingUnhealthy()
                            + " tasks due to an unhealthy status.";
                }
                launchEvents.add(message);
                warnings.removeIf(w -> w.startsWith(WARNING_PLACEMENT));
            } catch (ApiException e) {
                if (warnings.add(WARNING_PLACEMENT + e.getMessage())) {
                    launchEvents.add(unableToPlace(service.serviceName(), e.getMessage()));
                }
            }
        }
        if (!launchEvents.isEmpty() || !warnings.equals(service.raisedWarnings())) {
            List<ServiceEvent> events = service.eventsWith(launchEvents, ids, tx.now());
            service = service.toBuilder().events(events).raisedWarnings(warnings).lastSteadyStateAt(
                    launchEvents.isEmpty() ? service.lastSteadyStateAt() : null).build();
        }
        // A launch that failed again for a reason already reported changes nothing: writing the same service
        // would announce a change, queue the service again and spin.
        Service written = service;
        if (!tx.find(Kind.SERVICE, service.serviceArn()).filter(written::equals).isPresent()) {
            tx.put(Kind.SERVICE, service);
        }
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

    private List<String> launch(Transaction tx, Service service, Deployment deployment, int count,
            Map<String, TaskDefinition> definitions) {
        Cluster cluster = tx.find(Kind.CLUSTER, service.clusterArn()).filter(Cluster::isActive)
                .orElseThrow(() -> ApiException.invalidParameter("The cluster of the service is not active."));
        TaskDefinition definition = definitions.get(deployment.taskDefinition());
        if (definition == null) {
            throw ApiException.invalidParameter("The task definition " + deployment.taskDefinition() + " does not exist.");
        }
        List<String> providers = launch.capacityFor(tx.state(), cluster, definition, deployment.launchType(),
                deployment.capacityProviderStrategy() == null ? List.of() : deployment.capacityProviderStrategy(),
                service.taskGroup(), count);
        List<String> started = new ArrayList<>();
        for (String provider : providers) {
            Task task = launch.newTask(tx, cluster, definition, new TaskLaunch.Request(provider,
                    deployment.launchType() != null, TaskOverride.none(), deployment.networkConfiguration(),
                    service.taskGroup(), deployment.id(),
                    launch.tags(cluster, definition, "SERVICE".equals(service.propagateTags()) ? service.tags()
                            : List.of(), "SERVICE".equals(service.propagateTags()) ? "NONE" : service.propagateTags(),
                            service.enableECSManagedTags(), service.serviceName()),
                    service.enableExecuteCommand()));
            tx.put(Kind.TASK, task);
            started.add(task.taskId());
        }
        return started;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
