package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.LocalAgent;
import dev.ecsd.control.StoreAgentChannel;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryLogSink;
import dev.ecsd.testing.RealTime;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An engine that accepts connections and never answers: the agent's task stops with a reason, nothing hangs. */
@Timeout(120)
class AgentOnAHangingEngineTest {

    @Test
    void aTaskOnAnEngineThatNeverAnswersStopsWithAReason() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        StateStore store = StateStore.open(new MemoryBackend(), InstantSource.system());
        try (FakeEngine engine = new FakeEngine((request, out, connection) -> never.await());
                DockerRuntime runtime = new DockerRuntime(DockerRuntime.Options.fromEnvironment()
                        .withHost(engine.host()).withOperationTimeout(Duration.ofMillis(500)));
                LocalAgent agent = new LocalAgent("local-fargate", "hanging-engine-test", new StoreAgentChannel(store), runtime,
                        new MemoryLogSink(), RealTime.TIMER)) {
            agent.start();
            Task task = launchAwsvpcTask(store);

            Task stopped = await("the task to stop").atMost(Duration.ofSeconds(60))
                    .until(() -> store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow(),
                            t -> t.lastStatus() == TaskStatus.STOPPED);

            assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TaskFailedToStart);
            assertThat(stopped.stoppedReason()).contains(engine.host().toString()).contains("did not finish");
            assertThat(agent.activeWorkers()).as("the worker is done with the task").isZero();
        } finally {
            never.countDown();
            store.close();
        }
    }

    private static Task launchAwsvpcTask(StateStore store) {
        ContainerDefinition container = new ContainerDefinition("main", "busybox", null, 64, null, List.of(), true,
                null, List.of("sleep", "600"), List.of(), List.of(), List.of(), null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of(), Map.of());
        TaskDefinition definition = new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/hang:1",
                "hang", 1, TaskDefinitionStatus.ACTIVE, List.of(container), null, null, "awsvpc", List.of(), List.of(),
                List.of("FARGATE"), List.of("EC2", "FARGATE"), List.of(), "256", "512", null, null, null, null, null,
                null, List.of(), Map.of());
        Task task = new Task.Builder()
                .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn(definition.taskDefinitionArn())
                .agentId("local-fargate")
                .launchType("FARGATE")
                .lastStatus(TaskStatus.PROVISIONING)
                .desiredStatus(DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .containers(List.of(new TaskContainer("arn:container/main", "main", "busybox", null,
                        ContainerStatus.PENDING, null, null, List.of(), HealthStatus.UNKNOWN, true, "0", null, null,
                        null, null)))
                .attachments(List.of())
                .build();
        store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION, definition);
            return tx.put(Kind.TASK, task);
        });
        return task;
    }
}
