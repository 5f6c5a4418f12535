package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.channel.AgentChannel;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskStateChange;
import dev.ecsd.channel.TaskUsage;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's usage sampling, on the simulated runtime and virtual time. */
class UsageSamplerTest {
    private static final String IMAGE = "example/app:1";
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:000000000000:task/c/aaa";
    private static final Duration EVERY = Duration.ofSeconds(15);
    private static final long MIB = 1024 * 1024;

    private final VirtualTimer clock = new VirtualTimer();
    private final SimulatedRuntime runtime = new SimulatedRuntime(clock).addImage(IMAGE);
    private final RecordingChannel channel = new RecordingChannel();
    private final Map<String, TaskAssignment> assignments = new ConcurrentHashMap<>();
    private final UsageSampler sampler = new UsageSampler(runtime, clock, channel, assignments::values, EVERY, 4);

    @AfterEach
    void close() {
        sampler.close();
        runtime.close();
    }

    @Test
    void eachRoundReportsEveryRunningContainerOfEveryRunningTask() {
        String app = start(TASK_ARN, "app");
        String sidecar = start(TASK_ARN, "sidecar");
        runtime.setLoad(spec -> spec.name().endsWith("app"), 90, 200 * MIB);
        runtime.setLoad(spec -> spec.name().endsWith("sidecar"), 10, 56 * MIB);
        assign(task(TASK_ARN, TaskStatus.RUNNING, container("app", app), container("sidecar", sidecar)));
        sampler.start();

        clock.advance(EVERY);
        TaskUsage usage = awaitReports(1).getFirst();

        assertThat(usage.taskArn()).isEqualTo(TASK_ARN);
        assertThat(usage.sampledAt()).isEqualTo(clock.instant());
        assertThat(usage.containers()).extracting(TaskUsage.ContainerUsage::containerName)
                .containsExactlyInAnyOrder("app", "sidecar");
        assertThat(usage.cpuUnits()).isCloseTo(1024, within(1e-6)); // 90 % + 10 % of one core
        assertThat(usage.memoryMiB()).isCloseTo(256, within(1e-6));
    }

    @Test
    void cpuIsTheAverageBetweenTwoSamplesOfTheSampler() {
        String app = start(TASK_ARN, "app");
        runtime.setLoad(spec -> true, 50, 64 * MIB);
        assign(task(TASK_ARN, TaskStatus.RUNNING, container("app", app)));
        sampler.start();
        clock.advance(EVERY);
        assertThat(awaitReports(1).getLast().cpuUnits()).isCloseTo(512, within(1e-6));

        // half a core for 5 s, then a quarter for 10 s: a third of a core on average, whatever it is at the sample
        clock.advance(Duration.ofSeconds(5));
        runtime.setLoad(spec -> true, 25, 64 * MIB);
        clock.advance(Duration.ofSeconds(10));

        assertThat(awaitReports(2).getLast().cpuUnits()).isCloseTo(1024.0 / 3, within(1e-3));
    }

    @Test
    void tasksNotRunningAndContainersStoppedAreNotSampled() {
        String pending = start("arn:aws:ecs:us-east-1:000000000000:task/c/pending", "app");
        String stopping = start("arn:aws:ecs:us-east-1:000000000000:task/c/stopping", "app");
        String running = start(TASK_ARN, "app");
        String exited = start(TASK_ARN, "done");
        runtime.setLoad(spec -> true, 20, 0);
        assign(task("arn:aws:ecs:us-east-1:000000000000:task/c/pending", TaskStatus.PENDING,
                container("app", pending)));
        assign(task("arn:aws:ecs:us-east-1:000000000000:task/c/stopping", TaskStatus.RUNNING,
                container("app", stopping)).toBuilder().desiredStatus(DesiredStatus.STOPPED).build());
        TaskContainer done = new TaskContainer(null, "done", IMAGE, exited, ContainerStatus.STOPPED, 0, null, List.of(),
                HealthStatus.UNKNOWN, false, "0", null, null, null, null);
        assign(task(TASK_ARN, TaskStatus.RUNNING, container("app", running), done));
        sampler.start();

        clock.advance(EVERY);

        assertThat(awaitReports(1)).singleElement().satisfies(usage -> {
            assertThat(usage.taskArn()).isEqualTo(TASK_ARN);
            assertThat(usage.containers()).extracting(TaskUsage.ContainerUsage::containerName).containsExactly("app");
        });
    }

    @Test
    void roundsComeEveryIntervalOnTheTimerAndStopWhenClosed() {
        assign(task(TASK_ARN, TaskStatus.RUNNING, container("app", start(TASK_ARN, "app"))));
        sampler.start();
        for (int i = 1; i <= 4; i++) {
            clock.advance(EVERY);
            int rounds = i;
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sampler.rounds() == rounds);
        }
        assertThat(channel.usage).hasSize(4);

        sampler.close();
        clock.advance(EVERY.multipliedBy(4));

        assertThat(clock.pending()).isZero();
        assertThat(sampler.rounds()).isEqualTo(4);
    }

    @Test
    void aSlowEngineCostsRoundsNotAPileOfCallsAndARoundMakesAFewCallsAtOnce() {
        UsageSampler twoAtOnce = new UsageSampler(runtime, clock, channel, assignments::values, EVERY, 2);
        runtime.statsDelay(Duration.ofSeconds(20));
        assign(task(TASK_ARN, TaskStatus.RUNNING, container("a", start(TASK_ARN, "a")),
                container("b", start(TASK_ARN, "b")), container("c", start(TASK_ARN, "c")),
                container("d", start(TASK_ARN, "d"))));
        twoAtOnce.start();
        try {
            clock.advance(EVERY); // 0:15, the round begins: two calls, each until 0:35
            awaitCallsWaiting(2);
            clock.advance(EVERY); // 0:30: the round still runs, so this one is skipped
            assertThat(twoAtOnce.skippedRounds()).isEqualTo(1);
            assertThat(runtime.callsWaitingForTime()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(5)); // 0:35: the first two end, the other two begin, until 0:55
            awaitCallsWaiting(2);
            clock.advance(Duration.ofSeconds(20)); // 0:55, past the tick of 0:45, skipped too

            assertThat(awaitReports(1)).singleElement().satisfies(usage -> assertThat(usage.containers()).hasSize(4));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> twoAtOnce.rounds() == 1);
            assertThat(twoAtOnce.skippedRounds()).isEqualTo(2);
        } finally {
            twoAtOnce.close();
        }
    }

    private void awaitCallsWaiting(int calls) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runtime.callsWaitingForTime() == calls);
    }

    @Test
    void anEngineThatFailsCostsSamplesNotTheSampler() {
        assign(task(TASK_ARN, TaskStatus.RUNNING, container("app", start(TASK_ARN, "app"))));
        sampler.start();
        runtime.setAvailable(false);
        clock.advance(EVERY);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sampler.rounds() == 1);
        assertThat(channel.usage).isEmpty();

        runtime.setAvailable(true);
        clock.advance(EVERY);

        assertThat(awaitReports(1)).hasSize(1);
    }

    private List<TaskUsage> awaitReports(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> channel.usage.size() >= count);
        return List.copyOf(channel.usage);
    }

    private String start(String taskArn, String name) {
        String id = runtime.createContainer(new ContainerSpec("ecs-" + Integer.toHexString(taskArn.hashCode())
                + "-" + name, IMAGE, null, null, null, null, null, Map.of(ContainerSpecs.LABEL_TASK_ARN, taskArn),
                null, null, null, null, null, null, null, null, false, null, false, null, null, false, null));
        runtime.startContainer(id);
        return id;
    }

    private void assign(Task task) {
        assignments.put(task.taskArn(), TaskAssignment.of(task, null));
    }

    private static Task task(String arn, TaskStatus status, TaskContainer... containers) {
        return new Task.Builder().taskArn(arn).lastStatus(status).desiredStatus(DesiredStatus.RUNNING).cpu("1024")
                .memory("2048").containers(List.of(containers)).build();
    }

    private static TaskContainer container(String name, String runtimeId) {
        return new TaskContainer(null, name, IMAGE, runtimeId, ContainerStatus.RUNNING, null, null, List.of(),
                HealthStatus.UNKNOWN, true, "0", null, null, null, null);
    }

    /** A channel that keeps the usage reports. */
    private static final class RecordingChannel implements AgentChannel {
        final List<TaskUsage> usage = new CopyOnWriteArrayList<>();

        @Override
        public List<TaskAssignment> connect(String agentId, Consumer<TaskAssignment> listener) {
            return new ArrayList<>();
        }

        @Override
        public TaskAssignment report(TaskStateChange change) {
            throw new UnsupportedOperationException("the sampler reports no state");
        }

        @Override
        public void reportUsage(TaskUsage report) {
            usage.add(report);
        }
    }
}
