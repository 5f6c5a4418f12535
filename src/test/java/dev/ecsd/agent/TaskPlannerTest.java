package dev.ecsd.agent;

import static dev.ecsd.agent.Fixtures.container;
import static dev.ecsd.agent.Fixtures.created;
import static dev.ecsd.agent.Fixtures.definition;
import static dev.ecsd.agent.Fixtures.exited;
import static dev.ecsd.agent.Fixtures.running;
import static dev.ecsd.agent.Fixtures.started;
import static dev.ecsd.agent.Fixtures.task;
import static dev.ecsd.agent.Fixtures.view;
import static dev.ecsd.agent.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.ContainerDependency;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskPlannerTest {
    private final TaskDefinition single = definition("awsvpc", container("app"));

    @Test
    void aNewTaskIsProvisionedThenPulledThenItsContainersCreatedAndStarted() {
        Task task = task(single, TaskStatus.PROVISIONING, DesiredStatus.RUNNING);
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.Provision());

        task = task.toBuilder().lastStatus(TaskStatus.PENDING).build();
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.PullImages());

        task = task.toBuilder().lastStatus(TaskStatus.ACTIVATING).build();
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.CreateContainer("app"));

        task = with(task, created(task, "app"));
        assertThat(TaskPlanner.next(view(task, single, Map.of("app", Fixtures.observation("app", ContainerObservation.State.CREATED, null, false, ContainerObservation.Health.NONE)))))
                .isEqualTo(new AgentAction.StartContainer("app"));

        task = with(task, started(task, "app"));
        assertThat(TaskPlanner.next(view(task, single, Map.of("app", running("app")))))
                .isEqualTo(new AgentAction.MarkRunning());

        task = task.toBuilder().lastStatus(TaskStatus.RUNNING).build();
        assertThat(TaskPlanner.next(view(task, single, Map.of("app", running("app")))))
                .isInstanceOf(AgentAction.Wait.class);
    }

    @Test
    void aContainerThatExitsIsRecordedWithItsExitCode() {
        Task task = runningTask(single);
        AgentAction action = TaskPlanner.next(view(task, single, Map.of("app", exited("app", 3, false))));
        assertThat(action).isEqualTo(new AgentAction.UpdateContainers(
                List.of(new AgentAction.ContainerUpdate("app", true, 3, null, null))));
    }

    @Test
    void anOomKillIsReportedWithEcsReasonAndExitCode137() {
        Task task = runningTask(single);
        AgentAction action = TaskPlanner.next(view(task, single, Map.of("app", exited("app", 137, true))));
        assertThat(action).isEqualTo(new AgentAction.UpdateContainers(List.of(
                new AgentAction.ContainerUpdate("app", true, 137, StopReasons.OUT_OF_MEMORY, null))));
    }

    @Test
    void anEssentialContainerThatStoppedStopsTheTaskWithEssentialContainerExited() {
        Task task = runningTask(single);
        task = with(task, task.container("app").orElseThrow().stopped(0, null, Fixtures.T0));
        assertThat(TaskPlanner.next(view(task, single, Map.of("app", exited("app", 0, false)))))
                .isEqualTo(new AgentAction.Fail(TaskStopCode.EssentialContainerExited,
                        "Essential container in task exited"));
    }

    @Test
    void aBatchJobThatAlreadyExitedIsStillShownRunningBeforeItStops() {
        Task task = task(single, TaskStatus.ACTIVATING, DesiredStatus.RUNNING);
        TaskContainer ran = started(task, "app").stopped(0, null, Fixtures.T0);
        task = with(task, ran);
        assertThat(TaskPlanner.next(view(task, single, Map.of("app", exited("app", 0, false)))))
                .isEqualTo(new AgentAction.MarkRunning());
    }

    @Test
    void aNonEssentialContainerMayExitWithoutStoppingTheTask() {
        TaskDefinition definition = definition("awsvpc", container("app"), container("sidecar", false, null, null));
        Task task = runningTask(definition);
        task = with(task, task.container("sidecar").orElseThrow().stopped(1, null, Fixtures.T0));
        AgentAction action = TaskPlanner.next(view(task, definition,
                Map.of("app", running("app"), "sidecar", exited("sidecar", 1, false))));
        assertThat(action).isInstanceOf(AgentAction.Wait.class);
    }

    @Test
    void aStopRequestWalksTheTaskDownThroughEcsStates() {
        Task task = runningTask(single).toBuilder().desiredStatus(DesiredStatus.STOPPED).build();
        Map<String, ContainerObservation> up = Map.of("app", running("app"));
        assertThat(TaskPlanner.next(view(task, single, up))).isEqualTo(new AgentAction.MoveTo(TaskStatus.DEACTIVATING));
        task = task.toBuilder().lastStatus(TaskStatus.DEACTIVATING).build();
        assertThat(TaskPlanner.next(view(task, single, up))).isEqualTo(new AgentAction.MoveTo(TaskStatus.STOPPING));
        task = task.toBuilder().lastStatus(TaskStatus.STOPPING).build();
        assertThat(TaskPlanner.next(view(task, single, up)))
                .isEqualTo(new AgentAction.StopContainer("app", Duration.ofSeconds(30)));
        task = with(task, task.container("app").orElseThrow().stopped(143, null, Fixtures.T0));
        assertThat(TaskPlanner.next(view(task, single, Map.of("app", exited("app", 143, false)))))
                .isEqualTo(new AgentAction.MoveTo(TaskStatus.DEPROVISIONING));
        task = task.toBuilder().lastStatus(TaskStatus.DEPROVISIONING).build();
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.Deprovision());
        task = task.toBuilder().lastStatus(TaskStatus.STOPPED).build();
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.Done());
    }

    @Test
    void theStopTimeoutOfTheContainerDefinitionIsUsed() {
        TaskDefinition definition = definition("awsvpc", withStopTimeout(container("app"), 7));
        Task task = runningTask(definition).toBuilder().desiredStatus(DesiredStatus.STOPPED)
                .lastStatus(TaskStatus.STOPPING).build();
        assertThat(TaskPlanner.next(view(task, definition, Map.of("app", running("app")))))
                .isEqualTo(new AgentAction.StopContainer("app", Duration.ofSeconds(7)));
    }

    @Test
    void fargateGivesAContainerAtMostTwoMinutesToStopAndOtherLaunchTypesItsWholeStopTimeout() {
        TaskDefinition definition = definition("awsvpc", withStopTimeout(container("app"), 300));
        Task task = runningTask(definition).toBuilder().desiredStatus(DesiredStatus.STOPPED)
                .lastStatus(TaskStatus.STOPPING).launchType("FARGATE").build();
        assertThat(TaskPlanner.next(view(task, definition, Map.of("app", running("app")))))
                .isEqualTo(new AgentAction.StopContainer("app", Duration.ofSeconds(120)));
        Task ec2 = task.toBuilder().launchType("EC2").build();
        assertThat(TaskPlanner.next(view(ec2, definition, Map.of("app", running("app")))))
                .isEqualTo(new AgentAction.StopContainer("app", Duration.ofSeconds(300)));
    }

    @Test
    void containersThatOthersDependOnStopLast() {
        TaskDefinition definition = definition("awsvpc", container("db"),
                container("web", true, List.of(new ContainerDependency("db", "START")), null));
        Task task = runningTask(definition).toBuilder().desiredStatus(DesiredStatus.STOPPED)
                .lastStatus(TaskStatus.STOPPING).build();
        AgentAction first = TaskPlanner.next(view(task, definition, Map.of("db", running("db"), "web", running("web"))));
        assertThat(first).isEqualTo(new AgentAction.StopContainer("web", Duration.ofSeconds(30)));
        task = with(task, task.container("web").orElseThrow().stopped(0, null, Fixtures.T0));
        AgentAction second = TaskPlanner.next(view(task, definition,
                Map.of("db", running("db"), "web", exited("web", 0, false))));
        assertThat(second).isEqualTo(new AgentAction.StopContainer("db", Duration.ofSeconds(30)));
    }

    @Test
    void aTaskWhoseTargetsDrainWaitsInDeactivatingWithItsContainersUp() {
        Task task = runningTask(single).toBuilder().desiredStatus(DesiredStatus.STOPPED)
                .lastStatus(TaskStatus.DEACTIVATING).build();
        Map<String, ContainerObservation> up = Map.of("app", running("app"));
        TaskView draining = new TaskView(task, single, up, java.util.Set.of(), Fixtures.T0, true);
        assertThat(TaskPlanner.next(draining)).isInstanceOf(AgentAction.Wait.class);

        TaskView unobserved = new TaskView(task, single, Map.of(), java.util.Set.of(), Fixtures.T0, true);
        assertThat(TaskPlanner.next(unobserved)).as("an engine that did not answer releases nothing")
                .isInstanceOf(AgentAction.Wait.class);

        TaskView drained = new TaskView(task, single, up, java.util.Set.of(), Fixtures.T0, false);
        assertThat(TaskPlanner.next(drained)).isEqualTo(new AgentAction.MoveTo(TaskStatus.STOPPING));

        TaskView exited = new TaskView(task, single, Map.of("app", exited("app", 1, false)), java.util.Set.of(),
                Fixtures.T0, true);
        assertThat(TaskPlanner.next(exited)).as("a task that died has nothing left to drain")
                .isNotInstanceOf(AgentAction.Wait.class);
    }

    @Test
    void aStopBeforeTheTaskStartedNeedsNoContainerStops() {
        Task task = task(single, TaskStatus.PROVISIONING, DesiredStatus.STOPPED);
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.MoveTo(TaskStatus.DEACTIVATING));
        task = task.toBuilder().lastStatus(TaskStatus.STOPPING).build();
        assertThat(TaskPlanner.next(view(task, single, Map.of()))).isEqualTo(new AgentAction.MoveTo(TaskStatus.DEPROVISIONING));
    }

    @Test
    void dependsOnStartWaitsForTheDependencyToStart() {
        TaskDefinition definition = definition("awsvpc", container("db"),
                container("web", true, List.of(new ContainerDependency("db", "START")), null));
        Task task = task(definition, TaskStatus.ACTIVATING, DesiredStatus.RUNNING);
        task = with(with(task, created(task, "db")), created(task, "web"));
        assertThat(TaskPlanner.next(view(task, definition, Map.of())))
                .isEqualTo(new AgentAction.StartContainer("db"));
        task = with(task, started(task, "db"));
        assertThat(TaskPlanner.next(view(task, definition, Map.of("db", running("db")))))
                .isEqualTo(new AgentAction.StartContainer("web"));
    }

    @Test
    void dependsOnSuccessOfAContainerThatFailedCanNeverBeMet() {
        TaskDefinition definition = definition("awsvpc", container("init", false, null, null),
                container("web", true, List.of(new ContainerDependency("init", "SUCCESS")), null));
        Task task = task(definition, TaskStatus.ACTIVATING, DesiredStatus.RUNNING);
        task = with(with(task, started(task, "init").stopped(2, null, Fixtures.T0)), created(task, "web"));
        AgentAction action = TaskPlanner.next(view(task, definition, Map.of("init", exited("init", 2, false))));
        assertThat(action).isInstanceOf(AgentAction.Fail.class);
        assertThat(((AgentAction.Fail) action).stopCode()).isEqualTo(TaskStopCode.TaskFailedToStart);
        assertThat(((AgentAction.Fail) action).reason()).contains("init").contains("exited with code 2");
    }

    @Test
    void dependsOnHealthyWaitsForHealthAndGivesUpAfterTheStartTimeout() {
        HealthCheck check = new HealthCheck(List.of("CMD-SHELL", "true"), 5, 2, 1, null);
        TaskDefinition definition = definition("awsvpc", withStartTimeout(container("db", true, null, check), 60),
                container("web", true, List.of(new ContainerDependency("db", "HEALTHY")), null));
        Task task = task(definition, TaskStatus.ACTIVATING, DesiredStatus.RUNNING).toBuilder()
                .pullStoppedAt(Fixtures.T0).build();
        task = with(with(task, started(task, "db")), created(task, "web"));
        Map<String, ContainerObservation> db = Map.of("db", running("db"));
        AgentAction waiting = TaskPlanner.next(new TaskView(task, definition, db, Set.of(), Fixtures.T0.plusSeconds(10)));
        assertThat(waiting).isInstanceOf(AgentAction.Wait.class);
        AgentAction late = TaskPlanner.next(new TaskView(task, definition, db, Set.of(), Fixtures.T0.plusSeconds(61)));
        assertThat(late).isInstanceOf(AgentAction.Fail.class);
        assertThat(((AgentAction.Fail) late).reason()).contains("startTimeout of 60 seconds");

        task = with(task, task.container("db").orElseThrow().withHealth(HealthStatus.HEALTHY));
        assertThat(TaskPlanner.next(new TaskView(task, definition, Map.of("db", Fixtures.observation("db",
                ContainerObservation.State.RUNNING, null, false, ContainerObservation.Health.HEALTHY)), Set.of(),
                Fixtures.T0.plusSeconds(20)))).isEqualTo(new AgentAction.StartContainer("web"));
    }

    @Test
    void healthChangesAreRecorded() {
        Task task = runningTask(single);
        AgentAction action = TaskPlanner.next(view(task, single, Map.of("app", Fixtures.observation("app",
                ContainerObservation.State.RUNNING, null, false, ContainerObservation.Health.UNHEALTHY))));
        assertThat(action).isEqualTo(new AgentAction.UpdateContainers(
                List.of(new AgentAction.ContainerUpdate("app", false, null, null, HealthStatus.UNHEALTHY))));
    }

    @Test
    void aContainerThatVanishedIsReportedStoppedWithAReason() {
        Task task = runningTask(single);
        TaskView view = new TaskView(task, single, Map.of(), Set.of("app"), Fixtures.T0);
        AgentAction action = TaskPlanner.next(view);
        assertThat(action).isInstanceOf(AgentAction.UpdateContainers.class);
        AgentAction.ContainerUpdate update = ((AgentAction.UpdateContainers) action).updates().getFirst();
        assertThat(update.exited()).isTrue();
        assertThat(update.reason()).isEqualTo(StopReasons.CONTAINER_VANISHED);
    }

    @Test
    void taskHealthFollowsEssentialContainersWithChecks() {
        HealthCheck check = new HealthCheck(List.of("CMD-SHELL", "true"), 5, 2, 1, null);
        TaskDefinition definition = definition("awsvpc", container("a", true, null, check),
                container("b", true, null, check), container("c", false, null, check), container("d"));
        Task task = runningTask(definition);
        List<TaskContainer> containers = task.containers().stream().map(c -> c.withHealth(HealthStatus.HEALTHY)).toList();
        assertThat(TaskPlanner.taskHealth(containers, definition.containerDefinitions())).isEqualTo(HealthStatus.HEALTHY);
        List<TaskContainer> oneUnhealthy = containers.stream()
                .map(c -> c.name().equals("b") ? c.withHealth(HealthStatus.UNHEALTHY) : c).toList();
        assertThat(TaskPlanner.taskHealth(oneUnhealthy, definition.containerDefinitions())).isEqualTo(HealthStatus.UNHEALTHY);
        List<TaskContainer> nonEssentialUnhealthy = containers.stream()
                .map(c -> c.name().equals("c") ? c.withHealth(HealthStatus.UNHEALTHY) : c).toList();
        assertThat(TaskPlanner.taskHealth(nonEssentialUnhealthy, definition.containerDefinitions()))
                .isEqualTo(HealthStatus.HEALTHY);
        List<TaskContainer> oneStarting = containers.stream()
                .map(c -> c.name().equals("a") ? c.withHealth(HealthStatus.UNKNOWN) : c).toList();
        assertThat(TaskPlanner.taskHealth(oneStarting, definition.containerDefinitions())).isEqualTo(HealthStatus.UNKNOWN);
        TaskDefinition unchecked = definition("awsvpc", container("x"));
        assertThat(TaskPlanner.taskHealth(runningTask(unchecked).containers(), unchecked.containerDefinitions()))
                .isEqualTo(HealthStatus.UNKNOWN);
    }

    private static Task runningTask(TaskDefinition definition) {
        Task task = task(definition, TaskStatus.RUNNING, DesiredStatus.RUNNING);
        for (var container : definition.containerDefinitions()) {
            task = with(task, started(task, container.name()));
        }
        return task;
    }

    private static dev.ecsd.model.ContainerDefinition withStopTimeout(dev.ecsd.model.ContainerDefinition c, int seconds) {
        return new dev.ecsd.model.ContainerDefinition(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(),
                c.portMappings(), c.essential(), c.entryPoint(), c.command(), c.environment(), c.mountPoints(),
                c.volumesFrom(), c.linuxParameters(), c.secrets(), c.dependsOn(), c.startTimeout(), seconds, c.hostname(),
                c.user(), c.workingDirectory(), c.readonlyRootFilesystem(), c.dockerLabels(), c.ulimits(),
                c.logConfiguration(), c.healthCheck(), c.systemControls(), c.additionalFields());
    }

    private static dev.ecsd.model.ContainerDefinition withStartTimeout(dev.ecsd.model.ContainerDefinition c, int seconds) {
        return new dev.ecsd.model.ContainerDefinition(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(),
                c.portMappings(), c.essential(), c.entryPoint(), c.command(), c.environment(), c.mountPoints(),
                c.volumesFrom(), c.linuxParameters(), c.secrets(), c.dependsOn(), seconds, c.stopTimeout(), c.hostname(),
                c.user(), c.workingDirectory(), c.readonlyRootFilesystem(), c.dockerLabels(), c.ulimits(),
                c.logConfiguration(), c.healthCheck(), c.systemControls(), c.additionalFields());
    }
}
