package dev.ecsd.agent;

import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import java.util.function.Consumer;

/**
 * How an agent reports what happened to a task: through its channel, keeping the control plane's answer as its
 * newest view of the task (the control plane refuses a report that would move lastStatus backwards).
 */
final class TaskReports {
    private final AgentChannel channel;
    private final Consumer<TaskAssignment> answers;

    TaskReports(AgentChannel channel, Consumer<TaskAssignment> answers) {
        this.channel = channel;
        this.answers = answers;
    }

    /** Reports {@code change} and answers the task as the control plane now records it (kept already). */
    TaskAssignment report(TaskStateChange change) {
        TaskAssignment answer = channel.report(change);
        answers.accept(answer);
        return answer;
    }

    void report(TaskStateChange.Builder change) {
        report(change.build());
    }
}
