package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.logs.LogSink;
import dev.ecsd.model.Arns;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent inside the server: it runs the tasks assigned to it on this machine's container runtime. Each
 * task has one worker, its only owner. Tasks keep running while the server is down; when it starts again the
 * agent re-adopts them from their containers' labels and never starts duplicates.
 */
public final class LocalAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAgent.class);
    private static final Duration WORKER_EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final AgentContext context;
    private final Map<String, TaskWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, String> taskByContainerId = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Object workerLock = new Object();
    private boolean suspended; // guarded by workerLock

    public LocalAgent(String agentId, String instanceId, StateStore store, ContainerRuntime runtime, LogSink logs,
            InstantSource clock) {
        this.context = new AgentContext(agentId, instanceId, store, runtime, logs, clock, new TaskReports(store));
    }

    /** Starts watching the state and the runtime, and adopts the tasks this agent already owns. */
    public void start() {
        try {
            LOG.info("container runtime: {}", context.runtime().ping());
        } catch (RuntimeFailure e) {
            LOG.warn("THE CONTAINER RUNTIME IS NOT REACHABLE ({}). The server runs, but tasks will stop with "
                    + "a reason saying so until it is.", e.getMessage());
        }
        context.store().subscribe(this::onChanges);
        try {
            context.runtime().subscribe(event -> {
                String taskArn = taskByContainerId.get(event.containerId());
                if (taskArn != null) {
                    TaskWorker worker = workers.get(taskArn);
                    if (worker != null) {
                        worker.wake();
                    }
                }
            });
        } catch (RuntimeFailure e) {
            LOG.warn("cannot follow container events: {}", e.getMessage());
        }
        Snapshot state = context.store().snapshot();
        removeOrphans(state);
        boolean runtimeKeptNothing = HostLoss.runtimeKeptNothing(context.runtime(), context.instanceId());
        state.all(Kind.TASK).filter(this::owns).forEach(task -> {
            if (runtimeKeptNothing) {
                reportIfLost(task, state);
            }
            rememberContainers(task);
            ensureWorker(task.taskArn());
        });
    }

    /** Wakes every worker, e.g. after a test advanced a manual clock. */
    public void wakeAll() {
        workers.values().forEach(TaskWorker::wake);
    }

    /**
     * Removes every container this agent's server created, then runs {@code wipe} (which empties the state),
     * starting no task in between, so that nothing launched meanwhile survives the reset. Task volumes stay.
     */
    public void resetWith(Runnable wipe) {
        List<TaskWorker> cancelled;
        synchronized (workerLock) {
            // No new worker until the containers are gone: a change written by a worker that is finishing its
            // step would otherwise start a new one, which would start the task's containers again.
            suspended = true;
            cancelled = List.copyOf(workers.values());
            cancelled.forEach(TaskWorker::cancel);
            workers.clear();
        }
        // A worker in the middle of a step may still create a container: let it finish first (bounded).
        long deadline = System.nanoTime() + WORKER_EXIT_TIMEOUT.toNanos();
        try {
            for (TaskWorker worker : cancelled) {
                if (!worker.awaitFinished(deadline)) {
                    LOG.warn("a task worker did not end within {} s of being cancelled", WORKER_EXIT_TIMEOUT.toSeconds());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (ContainerObservation container : context.runtime().listContainers(
                    Map.of(ContainerSpecs.LABEL_INSTANCE, context.instanceId()))) {
                context.runtime().removeContainer(container.id());
            }
        } catch (RuntimeFailure e) {
            LOG.warn("could not remove this server's containers: {}", e.getMessage());
        } finally {
            try {
                wipe.run();
            } finally {
                taskByContainerId.clear();
                synchronized (workerLock) {
                    suspended = false;
                }
            }
        }
    }

    public int activeWorkers() {
        return workers.size();
    }

    private boolean owns(Task task) {
        return context.agentId().equals(task.agentId()) && !task.isStopped();
    }

    private void onChanges(List<Change> changes) {
        if (closed) {
            return;
        }
        for (Change change : changes) {
            if (change.kind() == Kind.TASK && change.after() instanceof Task task && owns(task)) {
                TaskWorker worker = ensureWorker(task.taskArn());
                if (worker != null) {
                    worker.wake();
                }
            }
        }
    }

    /** The task's worker, started if it has none; null while the agent is removing everything. */
    private TaskWorker ensureWorker(String taskArn) {
        TaskWorker[] created = new TaskWorker[1];
        TaskWorker worker;
        synchronized (workerLock) {
            if (suspended) {
                return null;
            }
            worker = workers.computeIfAbsent(taskArn,
                    arn -> created[0] = new TaskWorker(context, arn, id -> taskByContainerId.put(id, arn)));
        }
        if (created[0] != null) {
            // Started only once the worker is in the map, so that its own removal cannot come first.
            Thread.ofVirtual().name("ecsd-task-" + Arns.lastSegment(taskArn))
                    .start(() -> runWorker(taskArn, created[0]));
        }
        return worker;
    }

    private void runWorker(String taskArn, TaskWorker worker) {
        try {
            worker.run();
        } finally {
            workers.remove(taskArn, worker);
            taskByContainerId.values().removeIf(taskArn::equals);
            // A change may have arrived while this worker was finishing: look once more. Not after a cancel: the
            // agent is closing or removing everything, and a new worker would start the task's containers again.
            if (!closed && !worker.isCancelled()
                    && context.store().snapshot().find(Kind.TASK, taskArn).filter(this::owns).isPresent()) {
                ensureWorker(taskArn);
            }
        }
    }

    /**
     * Stops a task whose containers, network or images the host lost while this agent was down, as lost with the
     * host (see {@link HostLoss}). Written before the task has a worker, whose first step then stops it.
     */
    private void reportIfLost(Task task, Snapshot state) {
        List<String> missing;
        try {
            missing = HostLoss.missing(task,
                    state.find(Kind.TASK_DEFINITION, task.taskDefinitionArn()).orElse(null), context.runtime());
        } catch (RuntimeFailure e) {
            return; // the runtime cannot tell now: the worker will see what is there once it can
        }
        if (!HostLoss.lostWithHost(task, missing)) {
            return;
        }
        LOG.info("task {} was lost with the host while the agent was down ({} gone); stopping it", task.taskId(),
                String.join(", ", missing));
        context.reports().update(task.taskArn(), (t, now) -> t.desiredStatus() != DesiredStatus.RUNNING ? null
                : t.toBuilder()
                        .desiredStatus(DesiredStatus.STOPPED)
                        .stopCode(TaskStopCode.InfrastructureHealth)
                        .stoppedReason(StopReasons.HOST_LOST)
                        .stoppingAt(now));
    }

    private void rememberContainers(Task task) {
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (container.runtimeId() != null) {
                taskByContainerId.put(container.runtimeId(), task.taskArn());
            }
        }
        if (task.networkRuntimeId() != null) {
            taskByContainerId.put(task.networkRuntimeId(), task.taskArn());
        }
    }

    /** Containers of this server whose task is gone or STOPPED: left over from a crash during cleanup. */
    private void removeOrphans(Snapshot state) {
        try {
            for (ContainerObservation container : context.runtime().listContainers(
                    Map.of(ContainerSpecs.LABEL_INSTANCE, context.instanceId()))) {
                String taskArn = container.labels().get(ContainerSpecs.LABEL_TASK_ARN);
                boolean live = taskArn != null && state.find(Kind.TASK, taskArn).filter(t -> !t.isStopped()).isPresent();
                if (!live) {
                    LOG.info("removing container {} of task {}, which is no longer running", container.name(), taskArn);
                    context.runtime().removeContainer(container.id());
                }
            }
        } catch (RuntimeFailure e) {
            LOG.warn("could not look for leftover containers: {}", e.getMessage());
        }
    }

    /** Stops watching; the tasks' containers keep running. */
    @Override
    public void close() {
        closed = true;
        workers.values().forEach(TaskWorker::cancel);
        workers.clear();
    }
}
