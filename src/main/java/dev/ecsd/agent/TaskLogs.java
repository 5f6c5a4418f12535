package dev.ecsd.agent;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.logs.LogSink;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.LogConfiguration;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The awslogs shipping of one task's containers: one {@link LogShipper} per container whose definition asks for
 * it, to stream {@code <awslogs-stream-prefix>/<container-name>/<task-id>}. Used by the task's worker only.
 */
final class TaskLogs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskLogs.class);

    private final ContainerRuntime runtime;
    private final LogSink sink;
    private final InstantSource clock;
    private final Map<String, LogShipper> shippers = new HashMap<>();

    TaskLogs(ContainerRuntime runtime, LogSink sink, InstantSource clock) {
        this.clock = clock;
        this.runtime = runtime;
        this.sink = sink;
    }

    /**
     * Makes sure every awslogs group the definition names exists, creating those with
     * {@code awslogs-create-group=true}, as the awslogs driver does when a container is created; returns ECS's
     * reason for failing the task if one is missing, else null.
     */
    String prepare(TaskDefinition definition) {
        for (ContainerDefinition container : definition.containerDefinitions()) {
            LogConfiguration logging = container.logConfiguration();
            if (logging == null || !logging.isAwslogs()) {
                continue;
            }
            String group = logging.option("awslogs-group");
            if (group == null) {
                return "ResourceInitializationError: failed to validate logger args: "
                        + "awslogs-group is required for the awslogs log driver";
            }
            if (!sink.groupExists(group)) {
                if (!"true".equalsIgnoreCase(logging.option("awslogs-create-group"))) {
                    return StopReasons.MISSING_LOG_GROUP;
                }
                sink.createGroupIfMissing(group);
            }
        }
        return null;
    }

    /** Starts shipping a started container's output, unless it is shipped already or uses no awslogs. */
    void follow(Task task, TaskDefinition definition, String name, String runtimeId) {
        ContainerDefinition container = definition.container(name).orElseThrow();
        LogConfiguration logging = container.logConfiguration();
        if (logging == null || !logging.isAwslogs() || shippers.containsKey(name)) {
            return;
        }
        String group = logging.option("awslogs-group");
        String prefix = logging.option("awslogs-stream-prefix");
        // without a prefix the awslogs driver names the stream after the container id
        String stream = prefix == null ? runtimeId : prefix + "/" + name + "/" + task.taskId();
        try {
            sink.createStreamIfMissing(group, stream);
            shippers.put(name, LogShipper.start(runtime, sink, clock, runtimeId, group, stream));
        } catch (RuntimeException e) {
            LOG.warn("task {}: cannot ship the logs of {} to {}: {}", task.taskId(), name, group, e.getMessage());
        }
    }

    /**
     * Follows the containers recorded RUNNING that are not followed yet: after a restart, or after following
     * failed to start. Resumes after the newest event each stream already has.
     */
    void resume(Task task, TaskDefinition definition) {
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (container.lastStatus() == ContainerStatus.RUNNING && container.runtimeId() != null
                    && !shippers.containsKey(container.name())) {
                follow(task, definition, container.name(), container.runtimeId());
            }
        }
    }

    /** Waits, at most {@code timeout} for each, until every stopped container's output is shipped. */
    void awaitDrained(Duration timeout) throws InterruptedException {
        for (LogShipper shipper : shippers.values()) {
            if (!shipper.awaitDrained(timeout)) {
                LOG.warn("the output for {} was not all shipped within {} s; what is left stays in the engine's log",
                        shipper.stream(), timeout.toSeconds());
                shipper.close();
            }
        }
    }

    @Override
    public void close() {
        shippers.values().forEach(LogShipper::close);
    }
}
