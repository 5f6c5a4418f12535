package dev.ecsd.agent;

import static dev.ecsd.agent.Fixtures.T0;
import static dev.ecsd.agent.Fixtures.container;
import static dev.ecsd.agent.Fixtures.definition;
import static dev.ecsd.agent.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.channel.RegistryCredentials;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.testing.VirtualTimer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostLossTest {
    private static final String INSTANCE = "instance-1";
    private final TaskDefinition definition = definition("bridge", container("web"));

    @Test
    void aTaskWhoseContainersSurvivedLostNothing() {
        try (SimulatedRuntime runtime = new SimulatedRuntime(new VirtualTimer(T0)).addImage("busybox")) {
            Task task = withContainerOn(runtime, task(definition, TaskStatus.RUNNING, DesiredStatus.RUNNING));

            assertThat(HostLoss.missing(task, definition, runtime)).isEmpty();
            assertThat(HostLoss.lostWithHost(task, List.of())).isFalse();
        }
    }

    @Test
    void aTaskWhoseContainersDiedWithTheServerWasLostWithTheHost() {
        Task task;
        try (SimulatedRuntime before = new SimulatedRuntime(new VirtualTimer(T0)).addImage("busybox")) {
            task = withContainerOn(before, task(definition, TaskStatus.RUNNING, DesiredStatus.RUNNING));
        }
        try (SimulatedRuntime after = new SimulatedRuntime(new VirtualTimer(T0))) {
            List<String> missing = HostLoss.missing(task, definition, after);

            assertThat(missing).containsExactly("container web");
            assertThat(HostLoss.lostWithHost(task, missing)).isTrue();
            assertThat(HostLoss.lostWithHost(task.toBuilder().desiredStatus(DesiredStatus.STOPPED).build(), missing))
                    .as("a task that was stopping anyway just finishes stopping").isFalse();
        }
    }

    @Test
    void anAwsvpcTaskLostItsNetworkWithItsPauseContainerOrWithItsOnlyContainer() {
        TaskDefinition alone = definition("awsvpc", container("web"));
        TaskDefinition pair = definition("awsvpc", container("web"), container("sidecar"));
        try (SimulatedRuntime runtime = new SimulatedRuntime(new VirtualTimer(T0))) {
            assertThat(HostLoss.missing(task(pair, TaskStatus.PENDING, DesiredStatus.RUNNING), pair, runtime))
                    .containsExactly("the task network");
            assertThat(HostLoss.missing(task(alone, TaskStatus.PENDING, DesiredStatus.RUNNING), alone, runtime))
                    .as("no pause container to lose: its network is its container's").isEmpty();
        }
    }

    @Test
    void anImagePulledFromWhereTheControlPlanePutItIsLookedForThere() {
        Task pulled = task(definition, TaskStatus.ACTIVATING, DesiredStatus.RUNNING);
        String name = definition.containerDefinitions().getFirst().name();
        TaskSecrets secrets = TaskSecrets.NONE.withImagesFrom(Map.of(name, "127.0.0.1:4566/us-east-1/web:v1"),
                Map.of(name, new RegistryCredentials("AWS", "token")));
        try (SimulatedRuntime runtime = new SimulatedRuntime(new VirtualTimer(T0))) {
            runtime.addImage("busybox");
            assertThat(HostLoss.missing(pulled, definition, runtime, secrets))
                    .containsExactly("image 127.0.0.1:4566/us-east-1/web:v1");
            runtime.addImage("127.0.0.1:4566/us-east-1/web:v1");
            assertThat(HostLoss.missing(pulled, definition, runtime, secrets)).isEmpty();
        }
    }

    @Test
    void aTaskBetweenItsPullAndItsFirstContainerLostTheImagesItPulled() {
        Task pulled = task(definition, TaskStatus.ACTIVATING, DesiredStatus.RUNNING);
        try (SimulatedRuntime runtime = new SimulatedRuntime(new VirtualTimer(T0))) {
            assertThat(HostLoss.missing(pulled, definition, runtime)).containsExactly("image busybox");
            runtime.addImage("busybox");
            assertThat(HostLoss.missing(pulled, definition, runtime)).isEmpty();
        }
    }

    @Test
    void theRuntimeKeptNothingOnlyWhenNoContainerOfThisAgentIsLeft() {
        try (SimulatedRuntime runtime = new SimulatedRuntime(new VirtualTimer(T0)).addImage("busybox")) {
            assertThat(HostLoss.runtimeKeptNothing(runtime, INSTANCE)).isTrue();
            withContainerOn(runtime, task(definition, TaskStatus.RUNNING, DesiredStatus.RUNNING));
            assertThat(HostLoss.runtimeKeptNothing(runtime, INSTANCE)).isFalse();
            assertThat(HostLoss.runtimeKeptNothing(runtime, "another-server")).isTrue();
            runtime.setAvailable(false);
            assertThat(HostLoss.runtimeKeptNothing(runtime, "another-server")).as("cannot tell").isFalse();
        }
    }

    private Task withContainerOn(SimulatedRuntime runtime, Task task) {
        String id = runtime.createContainer(ContainerSpecs.container(task, definition,
                definition.container("web").orElseThrow(), null, INSTANCE));
        return task.toBuilder().container(task.container("web").orElseThrow().withRuntimeId(id)).build();
    }
}
