package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.control.StoreAgentChannel;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryLogSink;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker creates a container without looking for one first; a container the task already has on the engine
 * (created before a crash, its report lost) is found when the engine refuses a second one of its name, and used.
 */
class TaskWorkerCreateTest {
    private static final String INSTANCE = "create-test";

    @Test
    void aContainerCreatedBeforeItsReportWasLostIsAdoptedNotDuplicated() {
        VirtualTimer clock = new VirtualTimer();
        StateStore store = StateStore.open(new MemoryBackend(), clock);
        try (SimulatedRuntime runtime = new SimulatedRuntime(clock).addImage("busybox");
                LocalAgent agent = new LocalAgent("local-fargate", INSTANCE, new StoreAgentChannel(store), runtime,
                        new MemoryLogSink(), clock)) {
            TaskDefinition definition = Fixtures.definition("awsvpc", Fixtures.container("main"));
            Task task = Fixtures.task(definition, TaskStatus.ACTIVATING, DesiredStatus.RUNNING);
            String earlier = runtime.createContainer(ContainerSpecs.container(task, definition,
                    definition.container("main").orElseThrow(), null, INSTANCE));
            store.write(tx -> {
                tx.put(Kind.TASK_DEFINITION, definition);
                return tx.put(Kind.TASK, task);
            });

            agent.start();
            Task running = await("the task RUNNING").atMost(Duration.ofSeconds(30))
                    .until(() -> store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow(),
                            t -> t.lastStatus() == TaskStatus.RUNNING);

            assertThat(running.container("main").orElseThrow().runtimeId()).isEqualTo(earlier);
            assertThat(runtime.listContainers(Map.of(ContainerSpecs.LABEL_TASK_ARN, task.taskArn())))
                    .extracting(ContainerObservation::id).containsExactly(earlier);
        } finally {
            store.close();
        }
    }
}
