package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import dev.ecsd.model.TaskStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A report written alongside the engine's work answers as a report made in line would, its failure included. */
class PendingReportTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef";

    @Test
    void theAnswerIsTheChannelsAndIsKeptAsTheAgentsView() {
        List<TaskAssignment> kept = new CopyOnWriteArrayList<>();
        TaskReports reports = new TaskReports(channel(change -> TaskAssignment.removed(change.taskArn())), kept::add);

        TaskAssignment answer = PendingReport.start(reports, TaskStateChange.of(ARN).status(TaskStatus.ACTIVATING)
                .build(), "test-report").await();

        assertThat(answer.isRemoval()).isTrue();
        assertThat(answer.taskArn()).isEqualTo(ARN);
        assertThat(kept).containsExactly(answer);
    }

    @Test
    void aWriteThatFailsFailsTheAwaitButNotTheSettling() {
        TaskReports reports = new TaskReports(channel(change -> {
            throw new IllegalStateException("the state store is closed");
        }), kept -> { });

        PendingReport pending = PendingReport.start(reports, TaskStateChange.of(ARN).build(), "test-report");

        pending.settle();
        assertThatThrownBy(pending::await).isInstanceOf(IllegalStateException.class)
                .hasMessage("the state store is closed");
    }

    private static AgentChannel channel(Function<TaskStateChange, TaskAssignment> answer) {
        return new AgentChannel() {
            @Override
            public List<TaskAssignment> connect(String agentId, Consumer<TaskAssignment> listener) {
                return List.of();
            }

            @Override
            public TaskAssignment report(TaskStateChange change) {
                return answer.apply(change);
            }
        };
    }
}
