package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.agent.runtime.EngineUrgency;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.channel.ContainerStateChange;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import dev.ecsd.channel.TaskStateChanges;
import dev.ecsd.model.Arns;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of one task on this agent: observes the task's containers, asks the planner for the next
 * step, carries it out and reports it, until the task is STOPPED. Runs on a virtual thread of its own while it has
 * something to do; while it only waits it has none (a new one starts when it is woken), never two at once.
 */
final class TaskWorker {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);
    private static final int MAX_CLEANUP_ATTEMPTS = 5;
    private static final Duration LOG_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration UNEXPECTED_FAILURE_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_UNEXPECTED_FAILURE_BACKOFF = Duration.ofSeconds(30);
    /** How the engine (and the simulated runtime) says a container's image is not on the host. */
    private static final String NO_SUCH_IMAGE = "No such image";

    private final AgentContext context;
    private final String taskArn;
    private final Consumer<String> containerIdListener;
    private final Consumer<TaskWorker> ended;
    private final Semaphore wakeups = new Semaphore(0);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final TaskLogs logs;
    private final TaskContainers containers;
    private volatile boolean cancelled;
    private final Object idleLock = new Object();
    /** Waiting with no thread of its own, woken by {@link #alarm} or a change; guarded by idleLock. */
    private boolean idle;
    private Timer.Scheduled alarm; // guarded by idleLock
    /** Wake-ups so far; guarded by idleLock. */
    private long wakes;
    /** How many wake-ups had come when the current or last look began: those later are news to it. */
    private long wakesBeforeLook;
    private int failures;
    private int cleanupFailures;
    /** The engine id of the pause container holding an awsvpc task's network namespace: the agent's own bookkeeping. */
    private String networkRuntimeId;
    /**
     * The pause container as the engine showed it once started: where it publishes the task's ports, which do not
     * change while it lives, so the containers joining it need no look at it when they start. Null until seen.
     */
    private ContainerObservation networkObservation;
    /** Whether this worker knows the task's pause container, if any: it provisioned the task or looked it up. */
    private boolean networkKnown;
    /** The task's added environment (secrets, task endpoint), as its newest assignment carries it; memory only. */
    private ContainerEnvironment environment = ContainerEnvironment.NONE;

    /** {@code ended} runs on the worker's last thread once it is done with the task (or cancelled). */
    TaskWorker(AgentContext context, String taskArn, Consumer<String> containerIdListener, Consumer<TaskWorker> ended) {
        this.context = context;
        this.taskArn = taskArn;
        this.containerIdListener = containerIdListener;
        this.ended = ended;
        this.logs = new TaskLogs(context.runtime(), context.logs(), context.timer());
        this.containers = new TaskContainers(context.runtime(), context.instanceId());
    }

    /** Asks the worker to look again now: an idle worker gets a new thread, a busy one looks once its step ends. */
    void wake() {
        Timer.Scheduled pending;
        synchronized (idleLock) {
            wakes++;
            if (!idle) {
                wakeups.release();
                return;
            }
            idle = false;
            pending = alarm;
            alarm = null;
        }
        // cancelled on the new thread, as a timer's action must not wait on the timer (it may be this very alarm)
        Thread.ofVirtual().name("ecsd-task-" + Arns.lastSegment(taskArn)).start(() -> {
            pending.cancel();
            work();
        });
    }

    String taskArn() {
        return taskArn;
    }

    /** Whether the worker waits with no thread, for a change or its alarm: it does nothing until one comes. */
    boolean isIdle() {
        synchronized (idleLock) {
            return idle;
        }
    }

    void cancel() {
        cancelled = true;
        wake();
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Waits, at most until {@code deadline} (of {@link System#nanoTime()}), for the worker to have ended. */
    boolean awaitFinished(long deadline) throws InterruptedException {
        return finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Starts the worker on a virtual thread of its own. */
    void start() {
        Thread.ofVirtual().name("ecsd-task-" + Arns.lastSegment(taskArn)).start(this::work);
    }

    /**
     * Steps until the task is done, or until the next step is only a wait: then this thread ends and the wake-up
     * (see {@link #wake}) starts the next one, so that a settled task holds no parked thread (and its stack).
     */
    private void work() {
        boolean resting = false;
        try {
            while (!cancelled) {
                try {
                    AgentAction next = step();
                    failures = 0;
                    if (next instanceof AgentAction.Done) {
                        break;
                    }
                    if (next instanceof AgentAction.Wait wait && idleUntil(wait.recheckAt())) {
                        resting = true;
                        return;
                    }
                } catch (RuntimeException e) {
                    // A bug or a store that refuses writes: retry, but never in a tight loop.
                    failures++;
                    Duration pause = UNEXPECTED_FAILURE_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 6));
                    pause = pause.compareTo(MAX_UNEXPECTED_FAILURE_BACKOFF) > 0 ? MAX_UNEXPECTED_FAILURE_BACKOFF : pause;
                    if (failures == 1) {
                        LOG.error("the worker of task {} failed; it retries, backing off", taskArn, e);
                    } else {
                        LOG.error("the worker of task {} failed again ({} times): {}; retrying in {} ms", taskArn,
                                failures, e.toString(), pause.toMillis());
                    }
                    backOff(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!resting) {
                logs.close();
                finished.countDown();
                ended.accept(this);
            }
        }
    }

    /** Looks once and does the next thing: returns what it did, a wait, or done once the worker is done with the task. */
    private AgentAction step() throws InterruptedException {
        synchronized (idleLock) {
            wakesBeforeLook = wakes;
        }
        TaskAssignment assignment = context.assignments().apply(taskArn);
        if (assignment == null || assignment.isRemoval()) {
            return new AgentAction.Done();
        }
        Task task = assignment.task();
        TaskDefinition definition = assignment.definition();
        if (definition == null) {
            LOG.error("task {} has no task definition {}; stopping it", taskArn, task.taskDefinitionArn());
            finishWithoutDefinition();
            return new AgentAction.Done();
        }
        logs.resume(task, definition);
        AgentAction action = TaskPlanner.next(observing(task).during(
                () -> observe(task, definition, assignment.draining())));
        if (action instanceof AgentAction.Done || action instanceof AgentAction.Wait) {
            return action;
        }
        LOG.debug("{}: {}", task.taskId(), action);
        if ((action instanceof AgentAction.Provision || action instanceof AgentAction.PullImages)
                && assignment.secrets().failed() && task.desiredStatus() == DesiredStatus.RUNNING) {
            // as on ECS, secrets are resolved before anything of the task is created on the host
            fail(TaskStopCode.TaskFailedToStart, assignment.secrets().failure(), null, null);
            return action;
        }
        environment = ContainerEnvironment.of(assignment, context.endpointPort().getAsInt());
        perform(action, task, definition);
        return action;
    }

    /**
     * Pauses until the agent's timer has moved {@code pause} on (virtual time in tests), or the worker is
     * cancelled. Wake-ups do not cut it short: a failing step must not be retried in a tight loop.
     */
    private void backOff(Duration pause) throws InterruptedException {
        Timer timer = context.timer();
        Instant until = timer.instant().plus(pause);
        // The alarm, not a reading of the clock, ends the pause: a wall clock set back must not make it endless.
        AtomicBoolean reached = new AtomicBoolean();
        Timer.Scheduled alarm = timer.schedule(until, () -> {
            reached.set(true);
            wake();
        });
        try {
            while (!cancelled && !reached.get() && timer.instant().isBefore(until)) {
                wakeups.acquire();
            }
        } finally {
            alarm.cancel();
        }
    }

    /**
     * Waits for a wake-up (a change of the task or its containers, or the timer reaching {@code recheckAt}) without
     * a thread: true if the worker is now idle and its thread is to end, false if a wake-up came since its last look
     * began and the worker looks again at once. A wake-up that came before that look began is no news: the look
     * saw its change. That is the case of the events of a step's own engine calls (a container's create and start),
     * which would otherwise cost a task one more look at the engine after each step that changed its containers.
     */
    private boolean idleUntil(Instant recheckAt) {
        // the alarm may go off at once, on this thread: then it is a wake-up, as any during a step is
        Timer.Scheduled scheduled = context.timer().schedule(recheckAt, this::wake);
        synchronized (idleLock) {
            wakeups.drainPermits();
            if (wakes == wakesBeforeLook) {
                idle = true;
                alarm = scheduled;
                return true;
            }
        }
        scheduled.cancel();
        return false;
    }

    /**
     * How urgent looking at a task is: as its next step, while it is on its way to RUNNING (once its containers
     * exist, what comes next is starting them and marking the task RUNNING).
     */
    private static EngineUrgency observing(Task task) {
        if (task.desiredStatus() != DesiredStatus.RUNNING) {
            return EngineUrgency.ROUTINE;
        }
        return switch (task.lastStatus()) {
            case PENDING -> EngineUrgency.PULL;
            case ACTIVATING -> Lists.orEmpty(task.containers()).stream().allMatch(c -> c.runtimeId() != null)
                    ? EngineUrgency.START : EngineUrgency.CREATE;
            default -> EngineUrgency.ROUTINE;
        };
    }

    private TaskView observe(Task task, TaskDefinition definition, boolean draining) {
        Map<String, ContainerObservation> observed = new HashMap<>();
        Set<String> missing = new HashSet<>();
        try {
            for (TaskContainer container : Lists.orEmpty(task.containers())) {
                if (container.runtimeId() == null) {
                    continue;
                }
                containerIdListener.accept(container.runtimeId());
                Optional<ContainerObservation> seen = context.runtime().inspect(container.runtimeId());
                if (seen.isPresent()) {
                    observed.put(container.name(), seen.get());
                } else {
                    missing.add(container.name());
                }
            }
            if (adoptsNetwork(task, definition)) {
                // adopted after a restart: the network container is found by its labels; a task that needs none
                // is looked at once, for the pause container an earlier release gave every awsvpc task
                networkRuntimeId = containers.find(task, ContainerSpecs.PAUSE_CONTAINER_NAME).orElse(null);
                networkKnown = networkRuntimeId != null || !TaskNetworkPlan.of(definition).needsPauseContainer();
            }
            if (networkRuntimeId != null) {
                containerIdListener.accept(networkRuntimeId);
            }
        } catch (RuntimeFailure e) {
            LOG.warn("cannot observe the containers of task {}: {}", task.taskId(), e.getMessage());
            missing.clear();
        }
        return new TaskView(task, definition, observed, missing, context.timer().instant(), draining);
    }

    /** Whether the task's pause container, which this worker did not create, is still to be looked up. */
    private boolean adoptsNetwork(Task task, TaskDefinition definition) {
        return !networkKnown && task.lastStatus() != TaskStatus.PROVISIONING && !task.isStopped()
                && "awsvpc".equals(definition.effectiveNetworkMode());
    }

    private void perform(AgentAction action, Task task, TaskDefinition definition) throws InterruptedException {
        try {
            switch (action) {
                // a task further along goes first in the engine's queue (see EngineUrgency)
                case AgentAction.Provision p -> provision(task, definition);
                case AgentAction.PullImages p -> EngineUrgency.PULL.run(() -> pullImages(task, definition));
                case AgentAction.CreateContainer c ->
                        EngineUrgency.CREATE.run(() -> createContainer(task, definition, c.name()));
                case AgentAction.StartContainer s ->
                        EngineUrgency.START.run(() -> startContainer(task, definition, s.name()));
                case AgentAction.MarkRunning m -> report(TaskStateChange.of(taskArn).status(TaskStatus.RUNNING));
                case AgentAction.UpdateContainers u -> updateContainers(task, definition, u.updates());
                case AgentAction.Fail f -> fail(f.stopCode(), f.reason(), null, null);
                case AgentAction.MoveTo m -> report(TaskStateChange.of(taskArn).status(m.status()));
                case AgentAction.StopContainer s -> EngineUrgency.STOP.run(() -> stopContainer(task, s));
                case AgentAction.Deprovision d -> deprovision(task, definition);
                case AgentAction.Wait w -> throw new IllegalStateException("waits are not performed");
                case AgentAction.Done d -> throw new IllegalStateException("done is not performed");
            }
        } catch (RuntimeFailure e) {
            handleFailure(action, task, e);
        }
    }

    private void handleFailure(AgentAction action, Task task, RuntimeFailure failure) throws InterruptedException {
        String message = failure.getMessage();
        if (task.desiredStatus() == DesiredStatus.RUNNING && !task.lastStatus().isStopping()) {
            // the task fails to start: the server's log tells that once, from the stop this reports (OperatorLog)
            LOG.debug("task {}: {} failed: {}", task.taskId(), action.getClass().getSimpleName(), message);
            message = StopReasons.inEngineWords(failure);
            String reason = switch (action) {
                case AgentAction.CreateContainer c -> StopReasons.cannotCreate(message);
                case AgentAction.PullImages p -> failure.kind() == RuntimeFailure.Kind.PULL
                        ? StopReasons.cannotPull(message) : StopReasons.cannotStart(message);
                default -> StopReasons.cannotStart(message);
            };
            String container = action instanceof AgentAction.CreateContainer c ? c.name()
                    : action instanceof AgentAction.StartContainer s ? s.name() : null;
            fail(TaskStopCode.TaskFailedToStart, reason, container, reason);
            return;
        }
        // On the way down: retry with a growing pause, then give up so the task does not stay stuck.
        LOG.warn("task {}: {} failed: {}", task.taskId(), action.getClass().getSimpleName(), message);
        cleanupFailures++;
        if (cleanupFailures >= MAX_CLEANUP_ATTEMPTS) {
            LOG.error("task {}: giving up cleaning up after {} failures; marking it STOPPED", task.taskId(),
                    cleanupFailures);
            markStopped();
            return;
        }
        backOff(Duration.ofMillis(Math.min(5000, 250L << cleanupFailures)));
    }

    private void provision(Task task, TaskDefinition definition) throws InterruptedException {
        if (!TaskNetworkPlan.of(definition).needsPauseContainer()) {
            // a task's only awsvpc container attaches its ENI when it starts (see startContainer)
            networkKnown = true;
            provisionWithoutNetwork(task, definition);
            return;
        }
        EngineUrgency.PROVISION.run(() -> provisionNetwork(task, definition));
    }

    private void provisionNetwork(Task task, TaskDefinition definition) {
        String pauseId = containers.createOrFind(task, ContainerSpecs.PAUSE_CONTAINER_NAME,
                ContainerSpecs.pause(task, definition, context.runtime().pauseImage(), context.instanceId()));
        containerIdListener.accept(pauseId);
        ContainerObservation pause = context.runtime().startAndInspect(pauseId)
                .orElseThrow(() -> new RuntimeFailure(RuntimeFailure.Kind.NOT_FOUND, "the task network container vanished"));
        networkRuntimeId = pauseId;
        networkObservation = pause;
        networkKnown = true;
        // the pulls start as the network is up: one write for both
        report(TaskStateChange.of(taskArn).attachments(TaskNetwork.attached(task.attachments(), pause))
                .status(TaskStatus.PENDING).pullStarted());
    }

    /**
     * A task with no network container to set up. A task of one container whose images are pulled only when missing
     * is created and started in this step (see {@link #startStraight}). Any other goes straight to ACTIVATING when
     * every image is here (PENDING and the pulls' start in the same report: one write where there were three), else
     * says PENDING and the pulls' start in one report, and the pull is the next step.
     */
    private void provisionWithoutNetwork(Task task, TaskDefinition definition) throws InterruptedException {
        if (definition.containerDefinitions().size() == 1 && Lists.orEmpty(task.containers()).size() == 1
                && task.containers().getFirst().runtimeId() == null && ImagePulls.createFirst(environment.secrets())
                && logs.prepare(definition) == null) {
            startStraight(task, definition);
            return;
        }
        if (!EngineUrgency.PULL.during(() -> ImagePulls.allPresent(context.runtime(), definition,
                environment.secrets()))) {
            pullNext();
            return;
        }
        String logsProblem = logs.prepare(definition);
        if (logsProblem != null) {
            fail(TaskStopCode.TaskFailedToStart, logsProblem, null, null);
            return;
        }
        report(TaskStateChange.of(taskArn).status(TaskStatus.ACTIVATING).pullStarted());
    }

    /** PENDING, the pulls started: the next step pulls what is missing (see {@link #pullImages}). */
    private void pullNext() {
        report(TaskStateChange.of(taskArn).status(TaskStatus.PENDING).pullStarted());
    }

    /**
     * Creates and starts the one container of a task that is PROVISIONING, with no look at its image first: a
     * create that finds no image hands the task to the pull step (PENDING), as a look would have. Once the container
     * exists, ACTIVATING and its creation are one report, written while the engine starts the container: between
     * the start and RUNNING there is then only RUNNING's own write, where there were four writes, an image
     * inspect and two looks at the container in four steps before. The stop reasons are those of the steps it
     * stands for.
     */
    private void startStraight(Task task, TaskDefinition definition) throws InterruptedException {
        String name = task.containers().getFirst().name();
        String id;
        try {
            id = EngineUrgency.CREATE.during(() -> createOnly(task, definition, name));
        } catch (RuntimeFailure e) {
            if (e.kind() == RuntimeFailure.Kind.NOT_FOUND && String.valueOf(e.getMessage()).contains(NO_SUCH_IMAGE)) {
                pullNext();
            } else if (e.kind() == RuntimeFailure.Kind.UNAVAILABLE || e.kind() == RuntimeFailure.Kind.TIMEOUT) {
                // the engine's trouble, which the image's look would have met first
                handleFailure(new AgentAction.PullImages(), task, e);
            } else {
                TaskAssignment answer = context.reports().report(
                        TaskStateChange.of(taskArn).status(TaskStatus.ACTIVATING).pullStarted().build());
                handleFailure(new AgentAction.CreateContainer(name), answer.isRemoval() ? task : answer.task(), e);
            }
            return;
        }
        TaskStateChange activated = TaskStateChange.of(taskArn).status(TaskStatus.ACTIVATING).pullStarted()
                .container(ContainerStateChange.created(name, id)).build();
        TaskAssignment latest = context.assignments().apply(taskArn);
        if (latest == null || latest.isRemoval() || latest.task().desiredStatus() != DesiredStatus.RUNNING) {
            // told to stop meanwhile: the container is recorded, and the next step stops the task
            context.reports().report(activated);
            return;
        }
        // the task as the control plane records it once that report is written: what the start is planned on
        Task withContainer = TaskStateChanges.apply(task, activated, context.timer().instant()).orElse(task);
        PendingReport written = PendingReport.start(context.reports(), activated,
                "ecsd-report-" + Arns.lastSegment(taskArn));
        TaskStateChange.Builder started;
        try {
            started = EngineUrgency.START.during(() -> startedChange(withContainer, definition, name));
        } catch (RuntimeFailure e) {
            written.await();
            handleFailure(new AgentAction.StartContainer(name), withContainer, e);
            return;
        } finally {
            written.settle();
        }
        written.await();
        report(started);
        logs.follow(withContainer, definition, name, id);
    }

    private void pullImages(Task task, TaskDefinition definition) {
        if (task.pullStartedAt() == null) {
            report(TaskStateChange.of(taskArn).pullStarted());
        }
        Optional<ImagePulls.Failure> failed = ImagePulls.pullMissing(context.runtime(), definition,
                environment.secrets());
        if (failed.isPresent()) {
            fail(TaskStopCode.TaskFailedToStart, failed.get().reason(), failed.get().containerName(),
                    failed.get().reason());
            return;
        }
        String logsProblem = logs.prepare(definition);
        if (logsProblem != null) {
            fail(TaskStopCode.TaskFailedToStart, logsProblem, null, null);
            return;
        }
        report(TaskStateChange.of(taskArn).status(TaskStatus.ACTIVATING));
    }

    private void createContainer(Task task, TaskDefinition definition, String name) {
        String id = createOnly(task, definition, name);
        report(TaskStateChange.of(taskArn).container(ContainerStateChange.created(name, id, pulledDigest(name,
                definition))));
    }

    /**
     * The digest of the manifest the container's image was pulled at, when it was pulled from a location the control
     * plane gave (ECR), as ECS reports a container's {@code imageDigest}; else null.
     */
    private String pulledDigest(String name, TaskDefinition definition) {
        if (!environment.secrets().imageLocations().containsKey(name)) {
            return null;
        }
        String image = ImagePulls.location(definition.container(name).orElseThrow(), environment.secrets());
        return context.runtime().imageDigest(image).orElse(null);
    }

    /** Creates the container {@code name} of the task (or finds it created) and answers its engine id. */
    private String createOnly(Task task, TaskDefinition definition, String name) {
        ContainerSpec spec = ContainerSpecs.container(task, definition, definition.container(name).orElseThrow(),
                networkRuntimeId, context.instanceId(), environment.of(name))
                .withImage(ImagePulls.location(definition.container(name).orElseThrow(), environment.secrets()));
        for (ContainerSpec.Mount mount : spec.mounts()) {
            if (mount.type() == ContainerSpec.Mount.Type.VOLUME) {
                ContainerSpecs.volumes(task, definition, context.instanceId()).stream()
                        .filter(v -> v.name().equals(mount.source()))
                        .forEach(context.runtime()::ensureVolume);
            }
        }
        String id = containers.createOrFind(task, name, spec);
        containerIdListener.accept(id);
        return id;
    }

    private void startContainer(Task task, TaskDefinition definition, String name) {
        report(startedChange(task, definition, name));
        logs.follow(task, definition, name, task.container(name).orElseThrow().runtimeId());
    }

    /**
     * Starts the container {@code name} of the task and answers its report: started, and RUNNING if it is the last.
     * Its logs are followed once that report is written (see {@link TaskLogs#follow}): creating the log stream is a
     * write of its own, which RUNNING does not wait for; the follower reads the container's log from its start, so
     * no line is lost, and a follow that never began is resumed on the next step.
     */
    private TaskStateChange.Builder startedChange(Task task, TaskDefinition definition, String name) {
        TaskContainer container = task.container(name).orElseThrow();
        boolean joined = "awsvpc".equals(definition.effectiveNetworkMode()) && networkRuntimeId != null;
        ContainerObservation publisher = null;
        List<NetworkBinding> bindings;
        Optional<List<NetworkBinding>> known = joined ? Optional.empty() : TaskNetwork.knownBindings(definition, name);
        if (joined) {
            context.runtime().startContainer(container.runtimeId());
            if (networkObservation == null) {
                networkObservation = context.runtime().inspect(networkRuntimeId).orElse(null);
            }
            publisher = networkObservation;
            bindings = TaskNetwork.bindings(definition, name, publisher);
        } else if (known.isPresent()) {
            // the report needs nothing the engine would show after the start: no look between it and the report
            context.runtime().startContainer(container.runtimeId());
            bindings = known.get();
        } else {
            publisher = context.runtime().startAndInspect(container.runtimeId()).orElse(null);
            bindings = TaskNetwork.bindings(definition, name, publisher);
        }
        TaskStateChange.Builder change = TaskStateChange.of(taskArn)
                .container(ContainerStateChange.started(name, bindings));
        if (!joined && publisher != null && TaskNetworkPlan.of(definition).containerHoldsNetwork()) {
            // the container holding the task's network now has its address: the ENI is attached
            change.attachments(TaskNetwork.attached(task.attachments(), publisher));
        }
        if (task.lastStatus() == TaskStatus.ACTIVATING && task.desiredStatus() == DesiredStatus.RUNNING
                && TaskPlanner.everyContainerStartedWith(task, name)) {
            // the last container to start makes the task RUNNING in the same report: one store write and one look
            // at the engine fewer between the start and RUNNING
            change.status(TaskStatus.RUNNING);
        }
        return change;
    }

    private void updateContainers(Task task, TaskDefinition definition, List<AgentAction.ContainerUpdate> updates) {
        TaskStateChange.Builder change = TaskStateChange.of(taskArn);
        Map<String, TaskContainer> after = new LinkedHashMap<>();
        Lists.orEmpty(task.containers()).forEach(c -> after.put(c.name(), c));
        for (AgentAction.ContainerUpdate update : updates) {
            if (update.exited()) {
                change.container(ContainerStateChange.exited(update.name(), update.exitCode(), update.reason()));
            }
            if (update.health() != null) {
                change.container(ContainerStateChange.health(update.name(), update.health()));
                after.computeIfPresent(update.name(), (name, c) -> c.withHealth(update.health()));
            }
        }
        HealthStatus health = TaskPlanner.taskHealth(List.copyOf(after.values()), definition.containerDefinitions());
        report(change.healthStatus(health));
    }

    /**
     * Stops the task: desiredStatus STOPPED with the first stop code and reason given (a user's StopTask keeps
     * its own), and optionally a reason on one container.
     */
    private void fail(TaskStopCode code, String reason, String containerName, String containerReason) {
        TaskStateChange.Builder change = TaskStateChange.of(taskArn).stop(code, reason);
        if (containerName != null) {
            change.container(ContainerStateChange.reason(containerName, containerReason));
        }
        report(change);
    }

    private void report(TaskStateChange.Builder change) {
        context.reports().report(change);
    }

    private void stopContainer(Task task, AgentAction.StopContainer stop) {
        TaskContainer container = task.container(stop.name()).orElseThrow();
        context.runtime().stopContainer(container.runtimeId(), stop.timeout());
    }

    private void deprovision(Task task, TaskDefinition definition) throws InterruptedException {
        logs.awaitDrained(LOG_DRAIN_TIMEOUT);
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (container.runtimeId() != null) {
                context.runtime().removeContainer(container.runtimeId());
            }
        }
        if (networkRuntimeId != null) {
            context.runtime().removeContainer(networkRuntimeId);
        }
        for (String volume : ContainerSpecs.taskScopedVolumes(task, definition)) {
            context.runtime().removeVolume(volume);
        }
        markStopped();
    }

    private void markStopped() {
        report(TaskStateChange.of(taskArn).status(TaskStatus.STOPPED));
    }

    private void finishWithoutDefinition() {
        report(TaskStateChange.of(taskArn)
                .stop(TaskStopCode.TaskFailedToStart, "The task definition of this task no longer exists.")
                .status(TaskStatus.STOPPED));
    }
}
