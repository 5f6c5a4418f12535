package dev.ecsd.control;

import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.channel.TaskStateChange;
import dev.ecsd.channel.TaskStateChanges;
import dev.ecsd.channel.TaskUsage;
import dev.ecsd.control.images.EcrPulls;
import dev.ecsd.control.secrets.SecretResolver;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.elb.Target;
import dev.ecsd.secrets.TemporaryCredentials;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process agent channel: assignments are the store's task records of an agent, pushed as they change;
 * reports are applied to the store in one write each, through the transition table. The agent on the other
 * side never sees the store. Usage reports go to a consumer in memory: they are measurements, not state.
 */
public final class StoreAgentChannel implements AgentChannel {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAgentChannel.class);
    private final StateStore store;
    private final Consumer<TaskUsage> usage;
    private final ValueCipher cipher;
    /** Ids and role credentials of the task endpoint; null without a cipher. */
    private final TaskEndpointKeys endpointKeys;
    /**
     * Each task's secrets, resolved once when it is first handed out: a running task keeps the values it started
     * with, and a task started after a new value was put sees the new one. Memory only; dropped when the task stops.
     */
    private final Map<String, TaskSecrets> resolvedSecrets = new ConcurrentHashMap<>();
    /** How images of this server's ECR repositories are pulled; null when it runs no registry. */
    private final EcrPulls ecrPulls;

    public StoreAgentChannel(StateStore store) {
        this(store, ignored -> { });
    }

    /** A channel that hands the agents' usage reports to {@code usage} (kept in memory, never in the store). */
    public StoreAgentChannel(StateStore store, Consumer<TaskUsage> usage) {
        this(store, usage, null);
    }

    /** A channel that also resolves tasks' secrets, opening sealed values with {@code cipher}. */
    public StoreAgentChannel(StateStore store, Consumer<TaskUsage> usage, ValueCipher cipher) {
        this(store, usage, cipher, null);
    }

    /** A channel that also tells agents where and how to pull the images of this server's ECR repositories. */
    public StoreAgentChannel(StateStore store, Consumer<TaskUsage> usage, ValueCipher cipher, EcrPulls ecrPulls) {
        this.ecrPulls = ecrPulls;
        this.store = store;
        this.usage = usage;
        this.cipher = cipher;
        this.endpointKeys = cipher == null ? null : new TaskEndpointKeys(cipher);
    }

    @Override
    public Optional<TemporaryCredentials> taskCredentials(String taskArn) {
        if (endpointKeys == null) {
            return Optional.empty();
        }
        Snapshot state = store.snapshot();
        return state.find(Kind.TASK, taskArn).flatMap(task -> endpointKeys.credentials(task,
                state.find(Kind.TASK_DEFINITION, task.taskDefinitionArn()).orElse(null), store.now()));
    }

    @Override
    public TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes) {
        if (enabled == null) {
            Snapshot state = store.snapshot();
            return TaskProtections.failure(state, null, taskArn)
                    .orElseGet(() -> TaskProtections.get(state, taskArn, store.now()));
        }
        return store.write(tx -> TaskProtections.failure(tx.state(), null, taskArn)
                .orElseGet(() -> TaskProtections.set(tx, taskArn, enabled, expiresInMinutes)));
    }

    @Override
    public void reportUsage(TaskUsage report) {
        usage.accept(report);
    }

    @Override
    public List<TaskAssignment> connect(String agentId, Consumer<TaskAssignment> listener) {
        store.subscribe(changes -> {
            Snapshot state = store.snapshot();
            for (Change change : changes) {
                if (change.kind() == Kind.TARGET) {
                    // a task held for draining is released when its last target is gone; a task that is not
                    // stopping does not care about its targets' health
                    Target target = (Target) (change.after() != null ? change.after() : change.before());
                    if (target.taskArn() != null) {
                        state.find(Kind.TASK, target.taskArn())
                                .filter(t -> agentId.equals(t.agentId()) && t.desiredStatus() == DesiredStatus.STOPPED)
                                .ifPresent(t -> listener.accept(assignment(state, t)));
                    }
                    continue;
                }
                if (change.kind() != Kind.TASK) {
                    continue;
                }
                Task before = (Task) change.before();
                Task after = (Task) change.after();
                if (after != null && agentId.equals(after.agentId())) {
                    listener.accept(assignment(state, after));
                } else if (after == null && before != null && agentId.equals(before.agentId())) {
                    resolvedSecrets.remove(before.taskArn());
                    listener.accept(TaskAssignment.removed(before.taskArn()));
                }
            }
        });
        Snapshot state = store.snapshot();
        return state.all(Kind.TASK).filter(t -> agentId.equals(t.agentId()))
                .map(t -> assignment(state, t)).toList();
    }

    @Override
    public TaskAssignment report(TaskStateChange change) {
        return store.write(tx -> {
            Task current = tx.find(Kind.TASK, change.taskArn()).orElse(null);
            if (current == null) {
                return TaskAssignment.removed(change.taskArn());
            }
            Optional<Task> next = TaskStateChanges.apply(current, change, tx.now());
            if (next.isEmpty()) {
                LOG.error("refused an illegal transition of {} from {} to {}", current.taskArn(), current.lastStatus(),
                        change.status());
                return assignment(tx.state(), current);
            }
            return assignment(tx.state(), next.get() == current ? current : tx.put(Kind.TASK, next.get()));
        });
    }

    /**
     * The task as its agent is to run it. The sequence is the version of the state it was read from, not the task's:
     * whether the task drains depends on other records (its targets), so an answer read before a target went away
     * must lose to the one pushed after.
     */
    private TaskAssignment assignment(Snapshot state, Task task) {
        TaskDefinition definition = state.find(Kind.TASK_DEFINITION, task.taskDefinitionArn()).orElse(null);
        return new TaskAssignment(task.taskArn(), state.version(), task, definition, isDraining(state, task),
                secrets(state, task, definition), endpointKeys == null ? null : endpointKeys.ids(task, definition));
    }

    /** The task's secrets, resolved on the first assignment that may start it and kept until it stops. */
    private TaskSecrets secrets(Snapshot state, Task task, TaskDefinition definition) {
        if (task.isStopped()) {
            resolvedSecrets.remove(task.taskArn());
            return TaskSecrets.NONE;
        }
        boolean ecrImages = ecrPulls != null && ecrPulls.anyIn(definition);
        if (!SecretResolver.hasSecrets(definition) && !ecrImages) {
            return TaskSecrets.NONE;
        }
        TaskSecrets known = resolvedSecrets.get(task.taskArn());
        if (known != null) {
            return known;
        }
        if (task.desiredStatus() != DesiredStatus.RUNNING || task.lastStatus().compareTo(TaskStatus.RUNNING) >= 0) {
            // stopping before it began, or running (adopted after a restart): its containers need nothing more
            return TaskSecrets.NONE;
        }
        return resolvedSecrets.computeIfAbsent(task.taskArn(), arn -> {
            TaskSecrets secrets = !SecretResolver.hasSecrets(definition) ? TaskSecrets.NONE : cipher == null
                    ? TaskSecrets.failed("ResourceInitializationError: unable to pull secrets or registry auth: "
                            + "this control plane has no secrets key")
                    : SecretResolver.resolve(state, cipher, definition);
            return ecrImages ? ecrPulls.addTo(secrets, definition) : secrets;
        });
    }

    /** A task to stop that is still registered in a target group, draining or about to: its containers wait. */
    static boolean isDraining(Snapshot state, Task task) {
        if (task.desiredStatus() != DesiredStatus.STOPPED || task.isStopped()) {
            return false;
        }
        return state.indexed(Kind.TARGET, Kind.taskTargetsKey(task.taskArn())).findAny().isPresent();
    }
}
