package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.TaskSetPlannerTest.external;
import static dev.ecsd.control.TaskSetPlannerTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Service;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskSetStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSetsTest {
    private static final String BLUE = "ecs-svc/1111111111111111111";
    private static final String GREEN = "ecs-svc/2222222222222222222";

    private static Service twoSets() {
        return external(4, List.of(set(BLUE, TaskSetStatus.PRIMARY, TD1, 100, 4),
                set(GREEN, TaskSetStatus.ACTIVE, TD2, 0, 4)));
    }

    @Test
    void makingASetPrimaryDemotesTheOldOneAndGivesTheServiceItsSettings() {
        Service next = TaskSets.makePrimary(twoSets(), GREEN, T0.plusSeconds(1));
        assertThat(next.taskSets()).extracting(TaskSet::status)
                .containsExactly(TaskSetStatus.ACTIVE, TaskSetStatus.PRIMARY);
        assertThat(next.taskDefinition()).isEqualTo(TD2);
        assertThat(next.launchType()).isEqualTo("FARGATE");
    }

    @Test
    void scalingRecomputesTheCount() {
        Service next = TaskSets.scale(twoSets(), GREEN, 50, T0.plusSeconds(1));
        TaskSet green = next.taskSet(GREEN).orElseThrow();
        assertThat(green.scalePercent()).isEqualTo(50);
        assertThat(green.computedDesiredCount()).isEqualTo(2);
    }

    @Test
    void deletingNeedsForceAboveZeroAndNeverTakesThePrimary() {
        assertThatThrownBy(() -> TaskSets.delete(twoSets(), BLUE, true, T0))
                .isInstanceOf(ApiException.class).hasMessage("Primary TaskSet cannot be deleted");
        Service scaled = TaskSets.scale(twoSets(), GREEN, 25, T0);
        assertThatThrownBy(() -> TaskSets.delete(scaled, GREEN, false, T0))
                .isInstanceOf(ApiException.class).hasMessageContaining("force");
        Service deleted = TaskSets.delete(scaled, GREEN, true, T0);
        assertThat(deleted.taskSet(GREEN).orElseThrow().status()).isEqualTo(TaskSetStatus.DRAINING);
        assertThat(TaskSets.delete(twoSets(), GREEN, false, T0).taskSet(GREEN).orElseThrow().status())
                .isEqualTo(TaskSetStatus.DRAINING);
    }

    @Test
    void anUnknownSetIsTaskSetNotFound() {
        assertThatThrownBy(() -> TaskSets.scale(twoSets(), "ecs-svc/9", 10, T0))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.TASK_SET_NOT_FOUND));
    }

    @Test
    void aBlueGreenServiceIsCreatedWithOnePrimarySetOfItsOwnTaskDefinition() {
        Service spec = twoSets().toBuilder().deploymentController(Service.CODE_DEPLOY).taskSets(null)
                .taskDefinition(TD1).launchType("FARGATE").build();
        Service created = ServiceCommands.decide(null, new ServiceCommand.Create(spec), T0, () -> BLUE);
        assertThat(created.deployments()).isEmpty();
        assertThat(created.taskSets()).singleElement().satisfies(set -> {
            assertThat(set.id()).isEqualTo(BLUE);
            assertThat(set.taskSetArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-set/c/web/" + BLUE);
            assertThat(set.status()).isEqualTo(TaskSetStatus.PRIMARY);
            assertThat(set.taskDefinition()).isEqualTo(TD1);
            assertThat(set.computedDesiredCount()).isEqualTo(4);
        });
        Service external = ServiceCommands.decide(null, new ServiceCommand.Create(spec.toBuilder()
                .deploymentController(Service.EXTERNAL).build()), T0, () -> BLUE);
        assertThat(external.deployments()).isEmpty();
        assertThat(external.taskSets()).isEmpty();
    }

    @Test
    void aServiceDeployedByEcsRefusesTaskSets() {
        Service ecs = twoSets().toBuilder().deploymentController("ECS").build();
        assertThatThrownBy(() -> TaskSets.requireExternal(ecs)).hasMessage(TaskSets.NOT_EXTERNAL);
    }
}
