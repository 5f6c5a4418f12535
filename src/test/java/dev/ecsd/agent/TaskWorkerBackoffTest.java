package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerRuntime;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A worker that hits an unexpected error (a bug, not an engine failure) retries with growing pauses, on the
 * agent's timer: each retry happens at its virtual instant and not before.
 */
class TaskWorkerBackoffTest {

    @Test
    void anUnexpectedErrorIsRetriedWithPausesNotInATightLoop() {
        AtomicBoolean faulty = new AtomicBoolean(true);
        AtomicInteger faultyCalls = new AtomicInteger();
        VirtualTimer clock = new VirtualTimer();
        SimulatedRuntime simulated = new SimulatedRuntime(clock).addImage("busybox");
        ContainerRuntime runtime = (ContainerRuntime) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRuntime.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("createContainer") && faulty.get()) {
                        faultyCalls.incrementAndGet();
                        throw new IllegalStateException("a bug in the agent");
                    }
                    try {
                        return method.invoke(simulated, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        StateStore store = StateStore.open(new MemoryBackend(), clock);
        try (LocalAgent agent = new LocalAgent("local-fargate", "backoff-test", new StoreAgentChannel(store), runtime, new MemoryLogSink(),
                clock)) {
            agent.start();
            TaskDefinition definition = Fixtures.definition("bridge", Fixtures.container("main"));
            Task task = Fixtures.task(definition, TaskStatus.PROVISIONING, DesiredStatus.RUNNING);
            store.write(tx -> {
                tx.put(Kind.TASK_DEFINITION, definition);
                return tx.put(Kind.TASK, task);
            });

            Instant t0 = clock.instant();
            await("the first failure").atMost(Duration.ofSeconds(30)).until(() -> faultyCalls.get() == 1);
            await("its retry on the timer").atMost(Duration.ofSeconds(30))
                    .until(clock::pendingInstants, pending -> pending.contains(t0.plusMillis(500)));
            // Nothing but the timer brings the retry, and advancing fires what is due before it returns: a
            // millisecond before its instant, the retry's alarm is still waiting, and no second call was made.
            clock.advance(Duration.ofMillis(499));
            assertThat(clock.pendingInstants()).contains(t0.plusMillis(500));
            assertThat(faultyCalls.get()).isEqualTo(1);
            clock.advance(Duration.ofMillis(1));
            await("the first retry, at 500 ms").atMost(Duration.ofSeconds(30)).until(() -> faultyCalls.get() == 2);
            await("the next retry, a second later").atMost(Duration.ofSeconds(30))
                    .until(clock::pendingInstants, pending -> pending.contains(t0.plusMillis(1500)));
            clock.advance(Duration.ofMillis(999));
            assertThat(clock.pendingInstants()).as("the pause doubled").contains(t0.plusMillis(1500));
            assertThat(faultyCalls.get()).isEqualTo(2);
            assertThat(agent.activeWorkers()).as("still one worker for the task").isEqualTo(1);

            faulty.set(false);
            clock.advance(Duration.ofMillis(1));
            await("the task to run once the fault is gone").atMost(Duration.ofSeconds(60))
                    .until(() -> store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow().lastStatus()
                            == TaskStatus.RUNNING);
        } finally {
            store.close();
            simulated.close();
        }
    }
}
