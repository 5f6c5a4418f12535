package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerRuntime;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.control.StoreAgentChannel;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.PortMapping;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often a worker looks at the engine on the way to RUNNING and once there: no inspect after a start whose
 * report the definition says, none for the events of its own create and start, one after RUNNING to see what next.
 */
class TaskWorkerLooksTest {
    private static final String IMAGE = "busybox";

    private final VirtualTimer clock = new VirtualTimer();
    private final StateStore store = StateStore.open(new MemoryBackend(), clock);
    private final SimulatedRuntime simulated = new SimulatedRuntime(clock);
    private final AtomicInteger inspects = new AtomicInteger();
    private LocalAgent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        simulated.close();
        store.close();
    }

    @Test
    void aBridgeContainerWithAFixedHostPortIsRunningWithItsBindingAndOneLookInAll() {
        ContainerDefinition web = Fixtures.container("main").withRegistrationDefaults(
                List.of(new PortMapping(80, 8080, "tcp", null, null, Map.of())));
        Task task = launch(Fixtures.definition("bridge", web));

        Task running = settledRunning(task);

        assertThat(running.container("main").orElseThrow().networkBindings())
                .containsExactly(new NetworkBinding("127.0.0.1", 80, 8080, "tcp"));
        // the worker's one look after RUNNING; its create's and start's events and RUNNING's own write are no news
        assertThat(inspects.get()).isEqualTo(1);
    }

    @Test
    void anAwsvpcContainerIsLookedAtOnceAfterItsStartForItsAddressAndOnceMore() {
        Task task = launch(Fixtures.definition("awsvpc", Fixtures.container("main")));

        Task running = settledRunning(task);

        assertThat(running.container("main").orElseThrow().lastStatus()).isEqualTo(ContainerStatus.RUNNING);
        // the start and its look (the task's address), then the worker's one look after RUNNING
        assertThat(inspects.get()).isEqualTo(2);
    }

    /** Stores a task PROVISIONING and starts an agent whose runtime counts the inspects. */
    private Task launch(TaskDefinition definition) {
        simulated.addImage(IMAGE);
        Task task = Fixtures.task(definition, TaskStatus.PROVISIONING, DesiredStatus.RUNNING);
        store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION, definition);
            return tx.put(Kind.TASK, task);
        });
        agent = new LocalAgent("local-fargate", "looks-test", new StoreAgentChannel(store), counting(simulated),
                new MemoryLogSink(), clock);
        agent.start();
        return task;
    }

    /**
     * The task once RUNNING with its worker idle. Virtual time stands still and the simulated engine's events come
     * with its calls, so from then on nothing wakes the worker: the looks counted are all it takes, not a count that
     * a later look could still change.
     */
    private Task settledRunning(Task task) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(task),
                t -> t.lastStatus() == TaskStatus.RUNNING && agent.workersIdle());
    }

    private Task find(Task task) {
        return store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow();
    }

    /** The runtime, counting the agent's inspects of containers (startAndInspect is one). */
    private ContainerRuntime counting(ContainerRuntime runtime) {
        return (ContainerRuntime) Proxy.newProxyInstance(ContainerRuntime.class.getClassLoader(),
                new Class<?>[] {ContainerRuntime.class}, (proxy, method, args) -> {
                    if (method.getName().equals("inspect") || method.getName().equals("startAndInspect")) {
                        inspects.incrementAndGet();
                    }
                    try {
                        return method.invoke(runtime, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
