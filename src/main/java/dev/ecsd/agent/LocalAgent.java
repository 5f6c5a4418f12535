package dev.ecsd.agent;

import dev.ecsd.agent.endpoint.AgentDirectory;
import dev.ecsd.agent.endpoint.EndpointDirectory;
import dev.ecsd.agent.endpoint.HostRedirect;
import dev.ecsd.agent.endpoint.RedirectingRuntime;
import dev.ecsd.agent.endpoint.TaskEndpointOptions;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.RuntimeFailure;
import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import dev.ecsd.logs.LogSink;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent inside the server: it runs the tasks assigned to it on this machine's container runtime. Each
 * task has one worker, its only owner. It knows the control plane only through its {@link AgentChannel}:
 * assignments come in, reports go out. Tasks keep running while the server is down; when it starts again the
 * agent re-adopts them from their containers' labels and never starts duplicates.
 */
public final class LocalAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAgent.class);
    private static final Duration WORKER_EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** A quarter of AWS's metric minute: a few samples in each period, as ECS's agent takes them every 20 s. */
    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofSeconds(15);
    /** Stats calls one sampling round makes at once. */
    private static final int SAMPLER_MAX_IN_FLIGHT = 4;

    private final AgentContext context;
    private final AgentChannel channel;
    private final UsageSampler sampler;
    private final Map<String, TaskAssignment> assignments = new ConcurrentHashMap<>();
    private final Map<String, TaskWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, String> taskByContainerId = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /**
     * The port of the server's task endpoint (-1 without one), which the server runs for all its agents and which
     * finds this agent's tasks through {@link #directory()}; and the host's redirect of this agent's containers to it.
     */
    private final int endpointPort;
    private final EndpointDirectory directory;
    private final HostRedirect redirect;
    private final RedirectingRuntime redirecting;
    private final Object workerLock = new Object();
    private boolean suspended; // guarded by workerLock

    public LocalAgent(String agentId, String instanceId, AgentChannel channel, ContainerRuntime runtime, LogSink logs,
            Timer timer) {
        this(agentId, instanceId, channel, runtime, logs, timer, DEFAULT_SAMPLE_EVERY);
    }

    /** An agent that measures its running tasks' containers every {@code sampleEvery} and reports their usage. */
    public LocalAgent(String agentId, String instanceId, AgentChannel channel, ContainerRuntime runtime, LogSink logs,
            Timer timer, Duration sampleEvery) {
        this(agentId, instanceId, channel, runtime, logs, timer, sampleEvery, TaskEndpointOptions.OFF);
    }

    /**
     * An agent whose tasks' containers reach the server's task endpoint (169.254.170.2) listening where
     * {@code endpoint} says, redirected there by this agent's rules when it says so.
     */
    public LocalAgent(String agentId, String instanceId, AgentChannel channel, ContainerRuntime runtime, LogSink logs,
            Timer timer, Duration sampleEvery, TaskEndpointOptions endpoint) {
        this.channel = channel;
        this.endpointPort = endpoint.enabled() ? endpoint.port() : -1;
        this.redirect = endpoint.enabled() && endpoint.redirect() ? HostRedirect.onThisHost(instanceId) : null;
        this.redirecting = redirect == null ? null : new RedirectingRuntime(runtime, redirect, instanceId);
        runtime = redirecting == null ? runtime : redirecting;
        this.directory = new AgentDirectory(assignments::values, channel, runtime, instanceId);
        this.context = new AgentContext(agentId, instanceId, runtime, logs, timer,
                new TaskReports(channel, this::keep), assignments::get, () -> endpointPort);
        this.sampler = new UsageSampler(runtime, timer, channel, assignments::values, sampleEvery,
                SAMPLER_MAX_IN_FLIGHT);
    }

    /**
     * Connects to the control plane, starts watching the runtime, and adopts the tasks this agent already owns.
     * Answers what it found, which the server says in its startup lines (the agent says it only at debug level: a
     * server runs one agent per region, on one runtime).
     */
    public AgentStartup start() {
        String runtimeFound = null;
        String runtimeFailure = null;
        try {
            runtimeFound = context.runtime().ping();
            LOG.debug("container runtime: {}", runtimeFound);
        } catch (RuntimeFailure e) {
            runtimeFailure = e.getMessage();
            LOG.debug("the container runtime is not reachable: {}", runtimeFailure);
        }
        startRedirect();
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
        // Tasks already STOPPED stay with the control plane until it forgets them: the agent has nothing to do for them.
        channel.connect(context.agentId(), this::onAssignment).stream().filter(LocalAgent::live).forEach(this::keep);
        removeOrphans();
        boolean runtimeKeptNothing = HostLoss.runtimeKeptNothing(context.runtime(), context.instanceId());
        int adopted = 0;
        for (TaskAssignment assignment : assignments.values().stream().filter(LocalAgent::live).toList()) {
            boolean lost = runtimeKeptNothing && reportIfLost(assignment);
            Task task = assignment.task();
            if (!lost && task.lastStatus() == TaskStatus.RUNNING) {
                adopted++;
            }
            rememberContainers(task);
            ensureWorker(task.taskArn());
        }
        sampler.start();
        return new AgentStartup(runtimeFound, runtimeFailure, adopted);
    }

    /** Redirects this agent's containers to the task endpoint. A host that cannot redirect is said once, loudly. */
    private void startRedirect() {
        if (redirect != null && redirect.setUp(endpointPort)) {
            redirecting.redirectRunning();
        }
    }

    /** The task endpoint's port on 127.0.0.1, or -1 when it does not listen. */
    public int taskEndpointPort() {
        return endpointPort;
    }

    /** Where the task endpoint finds this agent's tasks, their containers and their credentials. */
    public EndpointDirectory directory() {
        return directory;
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
                assignments.clear();
                synchronized (workerLock) {
                    suspended = false;
                }
            }
        }
    }

    /** Usage sampling rounds completed (for tests). */
    public long usageSamplingRounds() {
        return sampler.rounds();
    }

    public int activeWorkers() {
        return workers.size();
    }

    /**
     * Whether every task worker waits with no thread (for tests): with time standing still and nothing changing,
     * the agent then calls the engine no more, so what it did so far can be counted exactly.
     */
    public boolean workersIdle() {
        return workers.values().stream().allMatch(TaskWorker::isIdle);
    }

    /** A task this agent is to run (or to see stopped): assigned, not removed, not STOPPED yet. */
    private static boolean live(TaskAssignment assignment) {
        return assignment != null && !assignment.isRemoval() && !assignment.task().isStopped();
    }

    /** Keeps an assignment unless the agent already holds a newer one of the task. */
    private void keep(TaskAssignment assignment) {
        assignments.merge(assignment.taskArn(), assignment, (held, offered) -> offered.supersedes(held) ? offered : held);
    }

    private void onAssignment(TaskAssignment assignment) {
        if (closed) {
            return;
        }
        keep(assignment);
        TaskWorker worker = live(assignment) ? ensureWorker(assignment.taskArn()) : workers.get(assignment.taskArn());
        if (worker != null) {
            worker.wake();
        } else if (!live(assignments.get(assignment.taskArn()))) {
            assignments.remove(assignment.taskArn());
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
            worker = workers.computeIfAbsent(taskArn, arn -> created[0] = new TaskWorker(context, arn,
                    id -> taskByContainerId.put(id, arn), this::workerEnded));
        }
        if (created[0] != null) {
            // Started only once the worker is in the map, so that its own removal cannot come first.
            created[0].start();
        }
        return worker;
    }

    /** Runs on a worker's last thread once it is done with its task or cancelled. */
    private void workerEnded(TaskWorker worker) {
        String taskArn = worker.taskArn();
        workers.remove(taskArn, worker);
        if (!worker.isCancelled()) {
            // a scan of every container's entry: not once per task when closing or resetting, which drop them all
            taskByContainerId.values().removeIf(taskArn::equals);
        }
        // A change may have arrived while this worker was finishing: look once more. Not after a cancel: the
        // agent is closing or removing everything, and a new worker would start the task's containers again.
        if (!closed && !worker.isCancelled() && live(assignments.get(taskArn))) {
            ensureWorker(taskArn);
        } else if (!live(assignments.get(taskArn))) {
            assignments.remove(taskArn);
        }
    }

    /**
     * Stops a task whose containers, network or images the host lost while this agent was down, as lost with the
     * host (see {@link HostLoss}). Written before the task has a worker, whose first step then stops it. Answers
     * whether it was lost.
     */
    private boolean reportIfLost(TaskAssignment assignment) {
        Task task = assignment.task();
        List<String> missing;
        try {
            missing = HostLoss.missing(task, assignment.definition(), context.runtime(), assignment.secrets());
        } catch (RuntimeFailure e) {
            return false; // the runtime cannot tell now: the worker will see what is there once it can
        }
        if (!HostLoss.lostWithHost(task, missing)) {
            return false;
        }
        LOG.info("task {} was lost with the host while the agent was down ({} gone); stopping it", task.taskId(),
                String.join(", ", missing));
        context.reports().report(TaskStateChange.of(task.taskArn())
                .stop(TaskStopCode.InfrastructureHealth, StopReasons.HOST_LOST));
        return true;
    }

    private void rememberContainers(Task task) {
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (container.runtimeId() != null) {
                taskByContainerId.put(container.runtimeId(), task.taskArn());
            }
        }
    }

    /** Containers of this server whose task is gone or STOPPED: left over from a crash during cleanup. */
    private void removeOrphans() {
        try {
            for (ContainerObservation container : context.runtime().listContainers(
                    Map.of(ContainerSpecs.LABEL_INSTANCE, context.instanceId()))) {
                String taskArn = container.labels().get(ContainerSpecs.LABEL_TASK_ARN);
                boolean live = taskArn != null && live(assignments.get(taskArn));
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
        sampler.close();
        workers.values().forEach(TaskWorker::cancel);
        workers.clear();
        if (redirect != null) {
            redirect.close();
        }
    }
}
