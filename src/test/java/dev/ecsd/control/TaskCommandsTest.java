package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The decisions of the user's commands on tasks and task definitions, shared by the API and the console. */
class TaskCommandsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    private static Task running() {
        return new Task.Builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/t1")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c").lastStatus(TaskStatus.RUNNING)
                .desiredStatus(DesiredStatus.RUNNING).build();
    }

    @Test
    void aStopIsUserInitiatedWithTheReasonGivenOrEcssOwn() {
        Task stopped = TaskCommands.decideStop(running(), "deploy rollback", NOW);
        Task silent = TaskCommands.decideStop(running(), "", NOW);

        assertThat(stopped.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.UserInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("deploy rollback");
        assertThat(stopped.stoppingAt()).isEqualTo(NOW);
        assertThat(silent.stoppedReason()).isEqualTo("Task stopped by user");
    }

    @Test
    void aTaskAlreadyToldToStopKeepsItsFirstReason() {
        Task once = TaskCommands.decideStop(running(), "first", NOW);

        assertThat(TaskCommands.decideStop(once, "second", NOW.plusSeconds(5))).isSameAs(once);
    }

    @Test
    void aReasonLongerThan255CharactersIsRefusedInEcssWords() {
        TaskCommands.checkReason("x".repeat(255));
        assertThatThrownBy(() -> TaskCommands.checkReason("x".repeat(256)))
                .isInstanceOf(ApiException.class).hasMessage("reason can have at most 255 characters.");
    }

    @Test
    void deregisteringMakesAnActiveRevisionInactiveOnceOnly() {
        TaskDefinition active = ServiceFixtures.definition(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1", null);

        TaskDefinition inactive = TaskDefinitionCommands.decideDeregister(active, NOW);

        assertThat(inactive.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(inactive.deregisteredAt()).isEqualTo(NOW);
        assertThat(TaskDefinitionCommands.decideDeregister(inactive, NOW.plusSeconds(1))).isSameAs(inactive);
    }
}
