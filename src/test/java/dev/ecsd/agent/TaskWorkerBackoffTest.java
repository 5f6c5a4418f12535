package dev.ecsd.agent;

import dev.ecsd.testing.RealTime;
import dev.ecsd.control.StoreAgentChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryLogSink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker that hits an unexpected error (a bug, not an engine failure) retries with growing pauses. */
class TaskWorkerBackoffTest {

    @Test
    void anUnexpectedErrorIsRetriedWithPausesNotInATightLoop() {
        AtomicBoolean faulty = new AtomicBoolean(true);
        AtomicInteger faultyCalls = new AtomicInteger();
        SimulatedRuntime simulated = new SimulatedRuntime(RealTime.TIMER).addImage("busybox");
        ContainerRuntime runtime = (ContainerRuntime) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRuntime.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("hasImage") && faulty.get()) {
                        faultyCalls.incrementAndGet();
                        throw new IllegalStateException("a bug in the agent");
                    }
                    try {
                        return method.invoke(simulated, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        StateStore store = StateStore.open(new MemoryBackend(), InstantSource.system());
        try (LocalAgent agent = new LocalAgent("local-fargate", "backoff-test", new StoreAgentChannel(store), runtime, new MemoryLogSink(),
                RealTime.TIMER)) {
            agent.start();
            TaskDefinition definition = Fixtures.definition("bridge", Fixtures.container("main"));
            Task task = Fixtures.task(definition, TaskStatus.PROVISIONING, DesiredStatus.RUNNING);
            store.write(tx -> {
                tx.put(Kind.TASK_DEFINITION, definition);
                return tx.put(Kind.TASK, task);
            });

            await("the first failure").atMost(Duration.ofSeconds(30)).until(() -> faultyCalls.get() >= 1);
            await("a few retries, not thousands").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> faultyCalls.get() <= 4);
            assertThat(agent.activeWorkers()).as("still one worker for the task").isEqualTo(1);

            faulty.set(false);
            await("the task to run once the fault is gone").atMost(Duration.ofSeconds(60))
                    .until(() -> store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow().lastStatus()
                            == TaskStatus.RUNNING);
        } finally {
            store.close();
            simulated.close();
        }
    }
}
