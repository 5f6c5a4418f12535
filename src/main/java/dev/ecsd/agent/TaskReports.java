package dev.ecsd.agent;

import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an agent reports what happened to a task: through its channel, keeping the control plane's answer as its
 * newest view of the task (the control plane refuses a report that would move lastStatus backwards).
 */
final class TaskReports {
    /** At debug, each report and how long its write took: with the engine's calls, where a task's start goes. */
    private static final Logger LOG = LoggerFactory.getLogger(TaskReports.class);
    private final AgentChannel channel;
    private final Consumer<TaskAssignment> answers;

    TaskReports(AgentChannel channel, Consumer<TaskAssignment> answers) {
        this.channel = channel;
        this.answers = answers;
    }

    /** Reports {@code change} and answers the task as the control plane now records it (kept already). */
    TaskAssignment report(TaskStateChange change) {
        long started = System.nanoTime();
        TaskAssignment answer = channel.report(change);
        answers.accept(answer);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: reported {}{}{} in {} ms", change.taskArn().substring(change.taskArn().lastIndexOf('/') + 1),
                    change.status() == null ? "" : change.status() + " ", change.pullStarted() ? "pull started " : "",
                    change.containers().stream().map(c -> c.containerName() + " " + c.status()).toList(),
                    String.format("%.1f", (System.nanoTime() - started) / 1e6));
        }
        return answer;
    }

    void report(TaskStateChange.Builder change) {
        report(change.build());
    }
}
