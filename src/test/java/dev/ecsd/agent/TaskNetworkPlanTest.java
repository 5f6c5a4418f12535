package dev.ecsd.agent;

import static dev.ecsd.agent.Fixtures.container;
import static dev.ecsd.agent.Fixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.TaskNetworkPlan.Holder;
import org.junit.jupiter.api.Test;

/** Which container holds a task's network, by network mode and container count. */
class TaskNetworkPlanTest {
    @Test
    void anAwsvpcTaskWithOneContainerHoldsItsNetworkInThatContainer() {
        TaskNetworkPlan plan = TaskNetworkPlan.of(definition("awsvpc", container("web")));

        assertThat(plan.holder()).isEqualTo(Holder.TASK_CONTAINER);
        assertThat(plan.needsPauseContainer()).isFalse();
        assertThat(plan.containerHoldsNetwork()).isTrue();
    }

    @Test
    void anAwsvpcTaskWithTwoContainersHasAPauseContainerForTheLocalhostTheyShare() {
        TaskNetworkPlan plan = TaskNetworkPlan.of(definition("awsvpc", container("web"), container("sidecar")));

        assertThat(plan.holder()).isEqualTo(Holder.PAUSE_CONTAINER);
        assertThat(plan.needsPauseContainer()).isTrue();
        assertThat(plan.containerHoldsNetwork()).isFalse();
    }

    @Test
    void otherModesUseTheEnginesNetworksWhateverTheirContainers() {
        for (String mode : new String[] {"bridge", "host", "none", null}) {
            for (TaskNetworkPlan plan : new TaskNetworkPlan[] {TaskNetworkPlan.of(definition(mode, container("a"))),
                    TaskNetworkPlan.of(definition(mode, container("a"), container("b")))}) {
                assertThat(plan.holder()).as("mode %s", mode).isEqualTo(Holder.ENGINE);
                assertThat(plan.needsPauseContainer()).isFalse();
                assertThat(plan.containerHoldsNetwork()).isFalse();
            }
        }
    }
}
