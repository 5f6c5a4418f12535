package dev.ecsd.control;

import dev.ecsd.model.Arns;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.Lists;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The server log's account of what happens to tasks and deployments, told from the store's committed changes (one
 * place, whoever decided the change: an agent's report, the scheduler, a user): a line for every task that fails to
 * start or stops unexpectedly, every deployment state change, and every circuit-breaker trip. A task a user or the
 * scheduler stopped on purpose (StopTask, a scale-in, a deployment replacing it) is said at debug level only; a
 * failure is a warning. {@link #lines} decides, as a pure function of the changes; the listener writes.
 */
public final class OperatorLog implements Consumer<List<Change>> {
    private static final Logger TASKS = LoggerFactory.getLogger("ecsd.tasks");
    private static final Logger DEPLOYMENTS = LoggerFactory.getLogger("ecsd.deployments");
    private static final String BREAKER_TRIGGERED = "TRIGGERED";
    /** How {@link ServicePlanner#elbHealthCheckReason} begins, whatever the target group. */
    private static final String ELB_HEALTH_CHECK_REASON = "Task failed ELB health checks";

    private final String region;

    public OperatorLog(String region) {
        this.region = region;
    }

    /** One line to log: about tasks or deployments, its level, its message and its fields (null ones left out). */
    public record Line(boolean aboutTasks, Level level, String message, Map<String, Object> fields) {
    }

    @Override
    public void accept(List<Change> changes) {
        for (Line line : lines(region, changes)) {
            Logger logger = line.aboutTasks() ? TASKS : DEPLOYMENTS;
            if (!logger.isEnabledForLevel(line.level())) {
                continue;
            }
            LoggingEventBuilder event = logger.atLevel(line.level());
            line.fields().forEach(event::addKeyValue);
            event.log(line.message());
        }
    }

    /**
     * The lines a committed write makes, in the order of its changes except that its warnings come first: one write
     * can fail a deployment, trip the breaker and start the rollback, and the log tells the cause before the effect.
     */
    public static List<Line> lines(String region, List<Change> changes) {
        List<Line> lines = new ArrayList<>();
        for (Change change : changes) {
            if (change.isDelete()) {
                continue;
            }
            if (change.kind() == Kind.TASK) {
                taskStopped(region, (Task) change.before(), (Task) change.after(), lines);
            } else if (change.kind() == Kind.SERVICE) {
                deployments(region, (Service) change.before(), (Service) change.after(), lines);
            } else if (change.kind() == Kind.SERVICE_DEPLOYMENT) {
                breakerTripped(region, (ServiceDeployment) change.before(), (ServiceDeployment) change.after(), lines);
            }
        }
        lines.sort(Comparator.comparingInt(line -> -line.level().toInt()));
        return lines;
    }

    /** A task that has just reached STOPPED: how much that matters depends on why it stopped. */
    private static void taskStopped(String region, Task before, Task after, List<Line> lines) {
        if (after.lastStatus() != TaskStatus.STOPPED || before != null && before.lastStatus() == TaskStatus.STOPPED) {
            return;
        }
        TaskStopCode code = after.stopCode();
        Level level;
        String message;
        if (code == TaskStopCode.TaskFailedToStart) {
            level = Level.WARN;
            message = "task failed to start";
        } else if (code == TaskStopCode.EssentialContainerExited) {
            level = Level.WARN;
            message = "task stopped: an essential container exited";
        } else if (code == TaskStopCode.ServiceSchedulerInitiated && failedHealthChecks(after.stoppedReason())) {
            level = Level.WARN;
            message = "task stopped: it failed its health checks";
        } else if (code == TaskStopCode.InfrastructureHealth) {
            level = Level.WARN;
            message = "task stopped: its host lost it";
        } else if (code == TaskStopCode.SpotInterruption || code == TaskStopCode.TerminationNotice) {
            level = Level.INFO;
            message = "task stopped: Fargate Spot interruption";
        } else {
            // StopTask, a scale-in, a deployment replacing it: asked for, so not news at the default level
            level = Level.DEBUG;
            message = "task stopped";
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task", after.taskId());
        fields.put("cluster", after.clusterArn() == null ? null : Arns.lastSegment(after.clusterArn()));
        String group = after.group();
        fields.put("service", group != null && group.startsWith("service:") ? group.substring("service:".length())
                : null);
        fields.put("group", group);
        fields.put("taskDefinition", after.taskDefinitionArn() == null ? null
                : Arns.lastSegment(after.taskDefinitionArn()));
        fields.put("stopCode", code == null ? null : code.name());
        fields.put("stoppedReason", after.stoppedReason());
        fields.put("exitCodes", exitCodes(after));
        fields.put("region", region);
        lines.add(new Line(true, level, message, withoutNulls(fields)));
    }

    private static boolean failedHealthChecks(String reason) {
        return reason != null && (reason.equals(ServicePlanner.HEALTH_CHECK_REASON)
                || reason.startsWith(ELB_HEALTH_CHECK_REASON));
    }

    /** {@code name=code} of every container whose exit code is known, comma-separated; null when none is. */
    private static String exitCodes(Task task) {
        String codes = Lists.orEmpty(task.containers()).stream().filter(c -> c.exitCode() != null)
                .map(c -> c.name() + "=" + c.exitCode()).collect(Collectors.joining(","));
        return codes.isEmpty() ? null : codes;
    }

    /** Each deployment that appeared, or whose rolloutState changed, in a service's write. */
    private static void deployments(String region, Service before, Service after, List<Line> lines) {
        Map<String, Deployment> earlier = new LinkedHashMap<>();
        if (before != null) {
            Lists.orEmpty(before.deployments()).forEach(d -> earlier.put(d.id(), d));
        }
        for (Deployment deployment : Lists.orEmpty(after.deployments())) {
            Deployment was = earlier.get(deployment.id());
            RolloutState state = deployment.rolloutState();
            if (state == null || was != null && was.rolloutState() == state) {
                continue;
            }
            String message = switch (state) {
                case IN_PROGRESS -> was == null ? "deployment started" : "deployment in progress again";
                case COMPLETED -> "deployment completed";
                case FAILED -> "deployment failed";
            };
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("service", after.serviceName());
            fields.put("cluster", after.clusterArn() == null ? null : Arns.lastSegment(after.clusterArn()));
            fields.put("deployment", deployment.id());
            fields.put("taskDefinition", deployment.taskDefinition() == null ? null
                    : Arns.lastSegment(deployment.taskDefinition()));
            fields.put("desiredCount", deployment.desiredCount());
            fields.put("rolloutState", state.name());
            fields.put("reason", deployment.rolloutStateReason());
            fields.put("region", region);
            lines.add(new Line(false, state == RolloutState.FAILED ? Level.WARN : Level.INFO, message,
                    withoutNulls(fields)));
        }
    }

    /** A deployment whose circuit breaker has just triggered. */
    private static void breakerTripped(String region, ServiceDeployment before, ServiceDeployment after,
            List<Line> lines) {
        ServiceDeployment.CircuitBreaker breaker = after.deploymentCircuitBreaker();
        if (breaker == null || !BREAKER_TRIGGERED.equals(breaker.status())) {
            return;
        }
        if (before != null && before.deploymentCircuitBreaker() != null
                && BREAKER_TRIGGERED.equals(before.deploymentCircuitBreaker().status())) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service", after.serviceArn() == null ? null : Arns.lastSegment(after.serviceArn()));
        fields.put("cluster", after.clusterArn() == null ? null : Arns.lastSegment(after.clusterArn()));
        fields.put("deployment", after.deploymentId());
        fields.put("failedTasks", breaker.failureCount());
        fields.put("threshold", breaker.threshold());
        fields.put("deploymentStatus", after.status() == null ? null : after.status().name());
        fields.put("reason", after.statusReason());
        fields.put("region", region);
        lines.add(new Line(false, Level.WARN, "deployment circuit breaker tripped", withoutNulls(fields)));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> fields) {
        fields.values().removeIf(value -> value == null);
        return fields;
    }
}
