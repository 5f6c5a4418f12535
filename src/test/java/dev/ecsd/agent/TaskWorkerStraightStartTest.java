package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.SimulatedBehaviour;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.control.StoreAgentChannel;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryLogSink;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task of one container that needs no network container starts in one step: created without a look at its
 * image, ACTIVATING and the creation in one write, RUNNING in the next. A missing image still walks PENDING and
 * its pull; an image that cannot be pulled, and a container the engine refuses, stop the task with ECS's reasons.
 */
class TaskWorkerStraightStartTest {
    private static final String INSTANCE = "straight-test";
    private static final String IMAGE = "busybox";

    private final VirtualTimer clock = new VirtualTimer();
    private final StateStore store = StateStore.open(new MemoryBackend(), clock);
    private final SimulatedRuntime runtime = new SimulatedRuntime(clock);
    private final List<Task> writes = new CopyOnWriteArrayList<>();
    private LocalAgent agent;

    @BeforeEach
    void recordTaskWrites() {
        store.subscribe(changes -> changes.stream().filter(c -> c.kind() == Kind.TASK && c.after() != null)
                .forEach(c -> writes.add((Task) c.after())));
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        runtime.close();
        store.close();
    }

    @Test
    void aTaskWhoseImageIsHereIsActivatingWithItsContainerInOneWriteThenRunning() {
        runtime.addImage(IMAGE);
        Task task = launch("awsvpc");

        Task running = awaitTask(task, t -> t.lastStatus() == TaskStatus.RUNNING);

        assertThat(writes).extracting(Task::lastStatus)
                .containsExactly(TaskStatus.PROVISIONING, TaskStatus.ACTIVATING, TaskStatus.RUNNING);
        assertThat(writes.get(1).container("main").orElseThrow().runtimeId()).isNotNull();
        assertThat(running.container("main").orElseThrow().startedAt()).isNotNull();
        assertThat(running.connectivityAt()).isNotNull();
        assertThat(running.pullStartedAt()).isNotNull();
        assertThat(running.pullStoppedAt()).isNotNull();
        assertThat(running.startedAt()).isNotNull();
    }

    @Test
    void aTaskOfTheBridgeModeStartsTheSameWay() {
        runtime.addImage(IMAGE);
        Task task = launch("bridge");

        awaitTask(task, t -> t.lastStatus() == TaskStatus.RUNNING);

        assertThat(writes).extracting(Task::lastStatus)
                .containsExactly(TaskStatus.PROVISIONING, TaskStatus.ACTIVATING, TaskStatus.RUNNING);
    }

    @Test
    void aMissingImageIsPulledAfterPendingAndThenTheContainerCreated() {
        runtime.whenImage(IMAGE, SimulatedBehaviour.runsForever());
        Task task = launch("awsvpc");

        awaitTask(task, t -> t.lastStatus() == TaskStatus.RUNNING);

        assertThat(runtime.pulled(IMAGE)).isTrue();
        assertThat(writes).extracting(Task::lastStatus).containsSubsequence(TaskStatus.PROVISIONING,
                TaskStatus.PENDING, TaskStatus.ACTIVATING, TaskStatus.RUNNING);
        Task pending = writes.stream().filter(t -> t.lastStatus() == TaskStatus.PENDING).findFirst().orElseThrow();
        assertThat(pending.pullStartedAt()).isNotNull();
        assertThat(pending.pullStoppedAt()).isNull();
        assertThat(runtime.containerCount()).isEqualTo(1);
    }

    @Test
    void anImageThatCannotBePulledStopsTheTaskWithCannotPullContainerError() {
        runtime.failPull(IMAGE, "pull access denied for busybox");
        Task task = launch("awsvpc");

        Task stopped = awaitTask(task, t -> t.lastStatus() == TaskStatus.STOPPED);

        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TaskFailedToStart);
        assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError").contains("pull access denied");
        assertThat(runtime.containerCount()).isZero();
    }

    @Test
    void aContainerThatCannotStartStopsTheTaskWithCannotStartContainerErrorAndIsRemoved() {
        runtime.addImage(IMAGE).whenImage(IMAGE, SimulatedBehaviour.runsForever()
                .withStartFailure("exec: \"sleep\": executable file not found in $PATH"));
        Task task = launch("awsvpc");

        Task stopped = awaitTask(task, t -> t.lastStatus() == TaskStatus.STOPPED);

        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TaskFailedToStart);
        assertThat(stopped.stoppedReason()).startsWith("CannotStartContainerError")
                .contains("executable file not found");
        assertThat(writes).extracting(Task::lastStatus).startsWith(TaskStatus.PROVISIONING, TaskStatus.ACTIVATING);
        await().atMost(Duration.ofSeconds(30)).until(runtime::containerCount, count -> count == 0);
    }

    /** Stores a task of one container, PROVISIONING, and starts the agent that is to run it. */
    private Task launch(String networkMode) {
        TaskDefinition definition = Fixtures.definition(networkMode, Fixtures.container("main"));
        Task task = Fixtures.task(definition, TaskStatus.PROVISIONING, DesiredStatus.RUNNING);
        store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION, definition);
            return tx.put(Kind.TASK, task);
        });
        agent = new LocalAgent("local-fargate", INSTANCE, new StoreAgentChannel(store), runtime, new MemoryLogSink(),
                clock);
        agent.start();
        return task;
    }

    private Task awaitTask(Task task, Predicate<Task> condition) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> store.snapshot().find(Kind.TASK, task.taskArn()).orElseThrow(), condition::test);
    }
}
