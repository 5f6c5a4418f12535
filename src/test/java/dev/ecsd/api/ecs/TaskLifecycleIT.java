package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.TaskFixtures.IMAGE;
import static dev.ecsd.api.ecs.TaskFixtures.container;
import static dev.ecsd.api.ecs.TaskFixtures.fargate;
import static dev.ecsd.api.ecs.TaskFixtures.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation.Health;
import dev.ecsd.agent.runtime.SimulatedBehaviour;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The task lifecycle on the simulated runtime in virtual time: states, timestamps, stop codes and reasons as ECS
 * gives them. Nothing sleeps: the tests move a manual clock and wait only for the server to catch up.
 */
@Timeout(120)
class TaskLifecycleIT {
    private static final String CLUSTER = "lifecycle";

    private Scenario world;
    private EcsClient ecs;
    private Instant t0;

    @BeforeEach
    void start() {
        world = Scenario.start();
        ecs = world.ecs;
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        t0 = world.now();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aTaskWalksEveryStateWithItsTimestampsInOrderAndItsVersionGrowing() {
        List<dev.ecsd.model.Task> writes = new CopyOnWriteArrayList<>();
        world.server.server().store().subscribe(changes -> changes.stream()
                .filter(c -> c.kind() == Kind.TASK && c.after() instanceof dev.ecsd.model.Task)
                .forEach(c -> writes.add((dev.ecsd.model.Task) c.after())));
        world.runtime.pullDelay(Duration.ofSeconds(5));
        world.runtime.whenImage(IMAGE, SimulatedBehaviour.runsForever().withStartDelay(Duration.ofSeconds(2)));
        registerFargate(ecs, "web", container("web"));

        Task provisioning = run("web");
        world.awaitCallsWaitingForTime(1); // the pull
        Task pending = describe(provisioning);
        world.advance(Duration.ofSeconds(5));
        Task activating = awaitTask(provisioning, t -> t.lastStatus().equals("ACTIVATING")
                && world.runtime.callsWaitingForTime() == 1); // the container's start
        world.advance(Duration.ofSeconds(2));
        Task running = awaitTask(provisioning, status("RUNNING"));
        world.advance(Duration.ofSeconds(10));
        ecs.stopTask(r -> r.cluster(CLUSTER).task(provisioning.taskArn()));
        Task stopped = awaitTask(provisioning, status("STOPPED"));

        assertThat(List.of(provisioning, pending, activating, running, stopped)).extracting(Task::lastStatus)
                .containsExactly("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "STOPPED");
        assertThat(List.of(provisioning, pending, activating, running, stopped)).extracting(Task::version)
                .isSorted().doesNotHaveDuplicates();
        assertThat(statusesInVersionOrder(writes, provisioning.taskArn())).containsExactly(TaskStatus.values());
        assertThat(stopped.createdAt()).isEqualTo(t0);
        assertThat(stopped.pullStartedAt()).isEqualTo(t0);
        assertThat(stopped.pullStoppedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(stopped.startedAt()).isEqualTo(t0.plusSeconds(7));
        assertThat(stopped.stoppingAt()).isEqualTo(t0.plusSeconds(17));
        assertThat(stopped.executionStoppedAt()).isEqualTo(t0.plusSeconds(17));
        assertThat(stopped.stoppedAt()).isEqualTo(t0.plusSeconds(17));
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.exitCode()).isEqualTo(143);
        });
        assertThat(world.runtime.containerCount()).isZero();
    }

    @Test
    void connectivityComesBeforeThePull() {
        world.runtime.pullDelay(Duration.ofSeconds(5));
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        world.awaitCallsWaitingForTime(1);
        world.advance(Duration.ofSeconds(5));

        Task running = awaitTask(task, status("RUNNING"));

        assertThat(running.connectivityAt()).isBeforeOrEqualTo(running.pullStartedAt());
    }

    // how tasks end

    @Test
    void anEssentialContainerExitingStopsTheTaskWithItsExitCode() {
        behave("web", SimulatedBehaviour.exitsAfter(Duration.ofSeconds(10), 3));
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        awaitTask(task, status("RUNNING"));

        world.advance(Duration.ofSeconds(10));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(3);
        assertThat(stopped.executionStoppedAt()).isEqualTo(t0.plusSeconds(10));
    }

    @Test
    void aNonEssentialContainerMayExitWhileTheTaskRuns() {
        behave("helper", SimulatedBehaviour.exitsAfter(Duration.ofSeconds(10), 1));
        registerFargate(ecs, "web", container("web"), container("helper").toBuilder().essential(false).build());
        Task task = run("web");
        awaitTask(task, status("RUNNING"));

        world.advance(Duration.ofSeconds(10));

        Task running = awaitTask(task, t -> "STOPPED".equals(containers(t).get("helper").lastStatus()));
        assertThat(running.lastStatus()).isEqualTo("RUNNING");
        assertThat(running.desiredStatus()).isEqualTo("RUNNING");
        assertThat(containers(running).get("helper").exitCode()).isEqualTo(1);
        assertThat(containers(running).get("web").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void anOutOfMemoryKillShowsEcsReasonAndExitCode137() {
        behave("web", SimulatedBehaviour.runsForever().withOutOfMemoryAfter(Duration.ofSeconds(5)));
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        awaitTask(task, status("RUNNING"));

        world.advance(Duration.ofSeconds(5));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.containers().getFirst().reason())
                .isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(137);
    }

    @Test
    void aFailedPullStopsTheTaskBeforeItStarts() {
        world.runtime.failPull(IMAGE, "pull access denied for example/app, repository does not exist");
        registerFargate(ecs, "web", container("web"));

        Task stopped = awaitTask(run("web"), status("STOPPED"));

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason())
                .isEqualTo("CannotPullContainerError: pull access denied for example/app, repository does not exist");
        assertThat(stopped.containers().getFirst().reason()).isEqualTo(stopped.stoppedReason());
        assertThat(stopped.startedAt()).isNull();
        assertThat(world.runtime.containerCount()).isZero();
    }

    @Test
    void aContainerIgnoringSigtermIsKilledExactlyAtItsStopTimeout() {
        behave("web", SimulatedBehaviour.runsForever().ignoringSigterm());
        registerFargate(ecs, "web", container("web").toBuilder().stopTimeout(20).build());
        Task task = run("web");
        awaitTask(task, status("RUNNING"));
        Instant stopAt = world.now();

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        world.awaitCallsWaitingForTime(1); // the stop, waiting out the timeout
        world.advance(Duration.ofMillis(19_999));

        Task stopping = describe(task);
        assertThat(stopping.lastStatus()).isEqualTo("STOPPING");
        assertThat(stopping.containers().getFirst().lastStatus()).isEqualTo("RUNNING");
        assertThat(world.runtime.callsWaitingForTime()).isEqualTo(1);

        world.advance(Duration.ofMillis(1));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(137);
        assertThat(stopped.executionStoppedAt()).isEqualTo(stopAt.plusSeconds(20));
    }

    @Test
    void withoutAStopTimeoutEcsWaitsThirtySeconds() {
        behave("web", SimulatedBehaviour.runsForever().ignoringSigterm());
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        awaitTask(task, status("RUNNING"));

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        world.awaitCallsWaitingForTime(1);
        world.advance(Duration.ofSeconds(29));
        assertThat(describe(task).lastStatus()).isEqualTo("STOPPING");
        world.advance(Duration.ofSeconds(1));

        assertThat(awaitTask(task, status("STOPPED")).executionStoppedAt()).isEqualTo(t0.plusSeconds(30));
    }

    @Test
    void aStopBeforeTheTaskRunsStopsItCleanly() {
        world.runtime.pullDelay(Duration.ofSeconds(10));
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        world.awaitCallsWaitingForTime(1);

        Task answered = ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("changed my mind")).task();
        assertThat(answered.lastStatus()).isEqualTo("PENDING");
        world.advance(Duration.ofSeconds(10));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("changed my mind");
        assertThat(stopped.startedAt()).isNull();
        assertThat(stopped.containers()).extracting(Container::lastStatus).containsOnly("STOPPED");
        assertThat(world.runtime.containerCount()).isZero();
    }

    @Test
    void aStopWhileAContainerIsStartingStopsItOnceItHasStarted() {
        behave("web", SimulatedBehaviour.runsForever().withStartDelay(Duration.ofSeconds(5)));
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        awaitTask(task, t -> t.lastStatus().equals("ACTIVATING") && world.runtime.callsWaitingForTime() == 1);

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        world.advance(Duration.ofSeconds(5));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.startedAt()).isNull();
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(143);
        assertThat(world.runtime.containerCount()).isZero();
    }

    @Test
    void aTaskStartedWhileTheRuntimeIsUnavailableStopsSayingSo() {
        registerFargate(ecs, "web", container("web"));
        world.runtime.setAvailable(false);

        Task stopped = awaitTask(run("web"), status("STOPPED"));

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).contains("unavailable");
        assertThat(stopped.startedAt()).isNull();

        world.runtime.setAvailable(true);
        assertThat(awaitTask(run("web"), status("RUNNING")).containers().getFirst().lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void aTaskStoppedWhileTheRuntimeIsUnavailableStillReachesStopped() {
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        awaitTask(task, status("RUNNING"));
        world.runtime.setAvailable(false);

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));

        // The agent retries the cleanup with pauses on its clock, then gives up rather than leave the task stuck:
        // move virtual time on until it has.
        await("the task STOPPED as virtual time passes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    world.advance(Duration.ofSeconds(1));
                    return "STOPPED".equals(describe(task).lastStatus());
                });
        Task stopped = describe(task);
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.containers()).extracting(Container::lastStatus).containsOnly("STOPPED");
    }

    // dependsOn

    @Test
    void containersStartInDependsOnOrder() {
        behave("init", SimulatedBehaviour.exitsAfter(Duration.ofSeconds(5), 0));
        behave("migrate", SimulatedBehaviour.exitsAfter(Duration.ofSeconds(3), 1));
        registerFargate(ecs, "ordered",
                container("init").toBuilder().essential(false).build(),
                container("migrate").toBuilder().essential(false).build(),
                healthChecked("db"),
                dependingOn(container("app"), "init", ContainerCondition.SUCCESS, "db", ContainerCondition.HEALTHY),
                dependingOn(container("sidecar"), "app", ContainerCondition.START),
                dependingOn(container("reporter"), "migrate", ContainerCondition.COMPLETE));
        Task task = run("ordered");

        Task first = awaitTask(task, t -> "RUNNING".equals(containers(t).get("db").lastStatus()));
        assertThat(statuses(first)).containsAllEntriesOf(Map.of("init", "RUNNING", "migrate", "RUNNING",
                "db", "RUNNING", "app", "PENDING", "sidecar", "PENDING", "reporter", "PENDING"));
        assertThat(first.lastStatus()).isEqualTo("ACTIVATING");

        world.advance(Duration.ofSeconds(3)); // migrate exits 1: COMPLETE is met, whatever the code
        Task second = awaitTask(task, t -> "RUNNING".equals(containers(t).get("reporter").lastStatus()));
        assertThat(statuses(second)).containsAllEntriesOf(Map.of("migrate", "STOPPED", "app", "PENDING"));

        world.advance(Duration.ofSeconds(2)); // init exits 0: SUCCESS is met, but db is not HEALTHY yet
        awaitTask(task, t -> "STOPPED".equals(containers(t).get("init").lastStatus()));
        assertThat(statuses(describe(task))).containsAllEntriesOf(Map.of("app", "PENDING", "sidecar", "PENDING"));

        world.advance(Duration.ofSeconds(5)); // db turns HEALTHY at 10 s: app starts, then sidecar
        Task running = awaitTask(task, status("RUNNING"));
        assertThat(statuses(running)).containsAllEntriesOf(Map.of("db", "RUNNING", "app", "RUNNING",
                "sidecar", "RUNNING", "reporter", "RUNNING"));
        assertThat(running.startedAt()).isEqualTo(t0.plusSeconds(10));
    }

    @Test
    void aSuccessDependencyThatFailsStopsTheTask() {
        behave("init", SimulatedBehaviour.exitsAfter(Duration.ofSeconds(5), 2));
        registerFargate(ecs, "ordered", container("init").toBuilder().essential(false).build(),
                dependingOn(container("app"), "init", ContainerCondition.SUCCESS));
        Task task = run("ordered");
        awaitTask(task, t -> "RUNNING".equals(containers(t).get("init").lastStatus()));

        world.advance(Duration.ofSeconds(5));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(containers(stopped).get("app").exitCode()).isNull();
        assertThat(stopped.startedAt()).isNull();
    }

    @Test
    void aDependencyThatIsNotMetWithinTheStartTimeoutStopsTheTask() {
        behave("db", SimulatedBehaviour.runsForever().withHealth(Duration.ofSeconds(10), Health.STARTING));
        registerFargate(ecs, "ordered", healthChecked("db").toBuilder().startTimeout(60).build(),
                dependingOn(container("app"), "db", ContainerCondition.HEALTHY).toBuilder().startTimeout(60).build());
        Task task = run("ordered");
        awaitTask(task, t -> "RUNNING".equals(containers(t).get("db").lastStatus()));

        world.advance(Duration.ofSeconds(59));
        assertThat(describe(task).lastStatus()).isEqualTo("ACTIVATING");
        world.advance(Duration.ofSeconds(1));

        Task stopped = awaitTask(task, status("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).contains("app").contains("startTimeout");
        assertThat(containers(stopped).get("app").exitCode()).isNull();
        assertThat(stopped.stoppingAt()).isEqualTo(t0.plusSeconds(60));
    }

    @Test
    void theStartTimeoutThatCountsIsTheDependencys() {
        behave("db", SimulatedBehaviour.runsForever().withHealth(Duration.ofSeconds(10), Health.STARTING));
        registerFargate(ecs, "ordered", healthChecked("db").toBuilder().startTimeout(60).build(),
                dependingOn(container("app"), "db", ContainerCondition.HEALTHY));
        Task task = run("ordered");
        awaitTask(task, t -> "RUNNING".equals(containers(t).get("db").lastStatus()));

        world.advance(Duration.ofSeconds(60));

        assertThat(awaitTask(task, status("STOPPED")).stopCodeAsString()).isEqualTo("TaskFailedToStart");
    }

    // health

    @Test
    void containerHealthIsReflectedInTheTasksHealthThroughItsEssentialContainers() {
        behave("web", SimulatedBehaviour.runsForever()
                .withHealth(Duration.ofSeconds(10), Health.STARTING, Health.HEALTHY, Health.UNHEALTHY));
        behave("helper", SimulatedBehaviour.runsForever()
                .withHealth(Duration.ofSeconds(5), Health.STARTING, Health.UNHEALTHY));
        registerFargate(ecs, "checked", healthChecked("web"), healthChecked("helper").toBuilder().essential(false).build());
        Task task = run("checked");

        Task starting = awaitTask(task, status("RUNNING"));
        assertThat(starting.healthStatusAsString()).isEqualTo("UNKNOWN");
        assertThat(containers(starting).get("web").healthStatusAsString()).isEqualTo("UNKNOWN");

        world.advance(Duration.ofSeconds(10));
        Task healthy = awaitTask(task, t -> "HEALTHY".equals(t.healthStatusAsString()));
        // a non-essential container's health does not count
        assertThat(containers(healthy).get("helper").healthStatusAsString()).isEqualTo("UNHEALTHY");

        world.advance(Duration.ofSeconds(10));
        Task unhealthy = awaitTask(task, t -> "UNHEALTHY".equals(t.healthStatusAsString()));
        assertThat(containers(unhealthy).get("web").healthStatusAsString()).isEqualTo("UNHEALTHY");
    }

    // counts and retention

    @Test
    void clusterCountsFollowTasksAndTheClusterCannotBeDeletedUntilAllAreStopped() {
        world.runtime.pullDelay(Duration.ofSeconds(10));
        behave("web", SimulatedBehaviour.runsForever().ignoringSigterm());
        registerFargate(ecs, "web", container("web"));
        List<Task> tasks = ecs.runTask(fargate(CLUSTER, "web").count(3).build()).tasks();
        world.awaitCallsWaitingForTime(3);

        assertCounts(0, 3);
        assertThatDeleteIsRefused();

        world.advance(Duration.ofSeconds(10));
        tasks.forEach(t -> awaitTask(t, status("RUNNING")));
        assertCounts(3, 0);

        ecs.stopTask(r -> r.cluster(CLUSTER).task(tasks.getFirst().taskArn()));
        world.awaitCallsWaitingForTime(1); // STOPPING: its container ignores SIGTERM
        assertCounts(2, 0);
        assertThatDeleteIsRefused();

        tasks.subList(1, 3).forEach(t -> ecs.stopTask(r -> r.cluster(CLUSTER).task(t.taskArn())));
        world.awaitCallsWaitingForTime(3);
        world.advance(Duration.ofSeconds(30));
        tasks.forEach(t -> awaitTask(t, status("STOPPED")));
        assertCounts(0, 0);

        assertThat(ecs.deleteCluster(r -> r.cluster(CLUSTER)).cluster().status()).isEqualTo("INACTIVE");
    }

    @Test
    void aStoppedTaskIsDescribableForAnHourThenForgotten() {
        registerFargate(ecs, "web", container("web"));
        Task task = run("web");
        awaitTask(task, status("RUNNING"));
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        awaitTask(task, status("STOPPED"));

        world.advance(Duration.ofMinutes(59));

        assertThat(describe(task).lastStatus()).as("kept for its hour").isEqualTo("STOPPED");
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).desiredStatus("STOPPED")).taskArns())
                .containsExactly(task.taskArn());

        world.advance(Duration.ofMinutes(2));

        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).failures())
                .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).desiredStatus("STOPPED")).taskArns()).isEmpty();
    }

    // helpers

    private void assertCounts(int running, int pending) {
        var cluster = ecs.describeClusters(r -> r.clusters(CLUSTER).include(
                software.amazon.awssdk.services.ecs.model.ClusterField.STATISTICS)).clusters().getFirst();
        assertThat(cluster.runningTasksCount()).as("runningTasksCount").isEqualTo(running);
        assertThat(cluster.pendingTasksCount()).as("pendingTasksCount").isEqualTo(pending);
        assertThat(cluster.statistics()).extracting(s -> s.name() + "=" + s.value())
                .contains("runningFargateTasksCount=" + running, "pendingFargateTasksCount=" + pending,
                        "runningEC2TasksCount=0", "pendingEC2TasksCount=0");
    }

    private void assertThatDeleteIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster(CLUSTER)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The Cluster cannot be deleted while Tasks are active."));
    }

    /** Containers named {@code name} behave as given. */
    private void behave(String name, SimulatedBehaviour behaviour) {
        world.runtime.when(spec -> name.equals(spec.labels().get(ContainerSpecs.LABEL_CONTAINER_NAME)), behaviour);
    }

    private static ContainerDefinition healthChecked(String name) {
        return container(name).toBuilder()
                .healthCheck(h -> h.command("CMD-SHELL", "true").interval(10).timeout(2).retries(1))
                .build();
    }

    private static ContainerDefinition dependingOn(ContainerDefinition container, Object... nameThenCondition) {
        List<software.amazon.awssdk.services.ecs.model.ContainerDependency> dependencies = new ArrayList<>();
        for (int i = 0; i < nameThenCondition.length; i += 2) {
            dependencies.add(software.amazon.awssdk.services.ecs.model.ContainerDependency.builder()
                    .containerName((String) nameThenCondition[i])
                    .condition((ContainerCondition) nameThenCondition[i + 1]).build());
        }
        return container.toBuilder().dependsOn(dependencies).build();
    }

    private Task run(String family) {
        return ecs.runTask(fargate(CLUSTER, family).build()).tasks().getFirst();
    }

    private Task describe(Task task) {
        return TaskFixtures.describe(ecs, CLUSTER, task.taskArn());
    }

    private Task awaitTask(Task task, Predicate<Task> expected) {
        return TaskFixtures.awaitTask(ecs, CLUSTER, task.taskArn(), expected);
    }

    private static Predicate<Task> status(String lastStatus) {
        return TaskFixtures.lastStatus(lastStatus);
    }

    private static Map<String, Container> containers(Task task) {
        Map<String, Container> byName = new LinkedHashMap<>();
        task.containers().forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    private static Map<String, String> statuses(Task task) {
        Map<String, String> byName = new LinkedHashMap<>();
        task.containers().forEach(c -> byName.put(c.name(), c.lastStatus()));
        return byName;
    }

    /** The distinct lastStatus values the store recorded for a task, in the order of the task's versions. */
    private static List<TaskStatus> statusesInVersionOrder(List<dev.ecsd.model.Task> writes, String taskArn) {
        List<TaskStatus> statuses = new ArrayList<>();
        writes.stream().filter(t -> t.taskArn().equals(taskArn))
                .sorted(Comparator.comparingLong(dev.ecsd.model.Task::version))
                .forEach(t -> {
                    if (statuses.isEmpty() || statuses.getLast() != t.lastStatus()) {
                        statuses.add(t.lastStatus());
                    }
                });
        return statuses;
    }
}
