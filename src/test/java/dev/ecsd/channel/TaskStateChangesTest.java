package dev.ecsd.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.Attachment;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The control plane's side of an agent report: the transition table, and the timestamps each status stamps. */
class TaskStateChangesTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    @Test
    void aTaskGoesUpThroughItsStatesWithECSTimestamps() {
        Task task = task(TaskStatus.PROVISIONING);
        task = apply(task, TaskStateChange.of(ARN).status(TaskStatus.PENDING), T0);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.connectivityAt()).isEqualTo(T0);

        task = apply(task, TaskStateChange.of(ARN).pullStarted(), T0);
        task = apply(task, TaskStateChange.of(ARN).status(TaskStatus.ACTIVATING), T1);
        assertThat(task.pullStartedAt()).isEqualTo(T0);
        assertThat(task.pullStoppedAt()).isEqualTo(T1);

        String digest = "sha256:" + "0f".repeat(32);
        task = apply(task, TaskStateChange.of(ARN).container(ContainerStateChange.created("web", "engine-id", digest)),
                T1);
        task = apply(task, TaskStateChange.of(ARN).container(ContainerStateChange.started("web",
                List.of(new NetworkBinding("127.0.0.1", 80, 32768, "tcp")))), T1);
        task = apply(task, TaskStateChange.of(ARN).status(TaskStatus.RUNNING), T2);
        TaskContainer web = task.container("web").orElseThrow();
        assertThat(web.runtimeId()).isEqualTo("engine-id");
        assertThat(web.imageDigest()).as("the pulled image's digest, kept through the later changes").isEqualTo(digest);
        assertThat(web.lastStatus()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(web.networkBindings()).extracting(NetworkBinding::hostPort).containsExactly(32768);
        assertThat(task.startedAt()).isEqualTo(T2);
        assertThat(task.connectivityAt()).as("kept from PENDING").isEqualTo(T0);
    }

    @Test
    void aTaskWithNothingToAttachOrPullGoesStraightToActivatingConnectedAndPulledAtOnce() {
        Task task = apply(task(TaskStatus.PROVISIONING), TaskStateChange.of(ARN).status(TaskStatus.ACTIVATING)
                .pullStarted().container(ContainerStateChange.created("web", "engine-id")), T1);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.ACTIVATING);
        assertThat(task.connectivityAt()).isEqualTo(T1);
        assertThat(task.pullStartedAt()).isEqualTo(T1);
        assertThat(task.pullStoppedAt()).isEqualTo(T1);
        assertThat(task.container("web").orElseThrow().runtimeId()).isEqualTo("engine-id");
    }

    @Test
    void aStopAskedByTheAgentSetsDesiredStatusOnceAndKeepsTheFirstReason() {
        Task task = task(TaskStatus.PENDING);
        task = apply(task, TaskStateChange.of(ARN).stop(TaskStopCode.TaskFailedToStart, "CannotPullContainerError: x")
                .container(ContainerStateChange.reason("web", "CannotPullContainerError: x")), T1);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(task.stopCode()).isEqualTo(TaskStopCode.TaskFailedToStart);
        assertThat(task.stoppingAt()).isEqualTo(T1);
        assertThat(task.container("web").orElseThrow().reason()).isEqualTo("CannotPullContainerError: x");

        task = apply(task, TaskStateChange.of(ARN).stop(TaskStopCode.EssentialContainerExited, "later"), T2);
        assertThat(task.stopCode()).as("the first reason stays").isEqualTo(TaskStopCode.TaskFailedToStart);
        assertThat(task.stoppingAt()).isEqualTo(T1);
    }

    @Test
    void aTaskToldToStopBeforeItRanDoesNotBecomeRunningWithItsLastStart() {
        Task task = task(TaskStatus.ACTIVATING).toBuilder().desiredStatus(DesiredStatus.STOPPED).build();
        task = apply(task, TaskStateChange.of(ARN).container(ContainerStateChange.started("web", List.of()))
                .status(TaskStatus.RUNNING), T1);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.ACTIVATING);
        assertThat(task.startedAt()).isNull();
        assertThat(task.container("web").orElseThrow().lastStatus()).as("the start itself holds")
                .isEqualTo(ContainerStatus.RUNNING);

        Task running = apply(task(TaskStatus.ACTIVATING), TaskStateChange.of(ARN)
                .container(ContainerStateChange.started("web", List.of())).status(TaskStatus.RUNNING), T1);
        assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(T1);
    }

    @Test
    void stoppedStopsEveryContainerAndReleasesTheNetworkInterface() {
        Task task = task(TaskStatus.RUNNING).toBuilder()
                .attachments(List.of(new Attachment("eni", "ElasticNetworkInterface", "ATTACHED", List.of()))).build();
        task = apply(task, TaskStateChange.of(ARN).status(TaskStatus.DEPROVISIONING), T1);
        assertThat(task.executionStoppedAt()).isEqualTo(T1);
        task = apply(task, TaskStateChange.of(ARN).status(TaskStatus.STOPPED), T2);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(task.stoppedAt()).isEqualTo(T2);
        assertThat(task.executionStoppedAt()).isEqualTo(T1);
        assertThat(task.containers()).allMatch(c -> c.lastStatus() == ContainerStatus.STOPPED);
        assertThat(task.attachments()).extracting(Attachment::status).containsExactly("DELETED");
    }

    @Test
    void aMoveBackwardsIsRefusedWhole() {
        Task running = task(TaskStatus.RUNNING);
        assertThat(TaskStateChanges.apply(running, TaskStateChange.of(ARN).status(TaskStatus.PENDING)
                .healthStatus(HealthStatus.HEALTHY).build(), T1)).isEmpty();
        Task stopped = task(TaskStatus.STOPPED);
        assertThat(TaskStateChanges.apply(stopped, TaskStateChange.of(ARN).status(TaskStatus.RUNNING).build(), T1))
                .isEmpty();
    }

    @Test
    void aReportOfNothingNewKeepsTheRecordAsItIs() {
        Task task = apply(task(TaskStatus.PENDING), TaskStateChange.of(ARN).pullStarted(), T0);
        assertThat(TaskStateChanges.apply(task, TaskStateChange.of(ARN).pullStarted().build(), T1)).containsSame(task);
        assertThat(TaskStateChanges.apply(task, TaskStateChange.of(ARN).status(TaskStatus.PENDING).build(), T1))
                .containsSame(task);
    }

    @Test
    void healthIsRecordedPerContainerAndForTheTask() {
        Task task = apply(task(TaskStatus.RUNNING), TaskStateChange.of(ARN)
                .container(ContainerStateChange.health("web", HealthStatus.UNHEALTHY))
                .healthStatus(HealthStatus.UNHEALTHY), T1);
        assertThat(task.container("web").orElseThrow().healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(task.healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(task.version()).isGreaterThan(task(TaskStatus.RUNNING).version());
    }

    @Test
    void severalChangesOfOneContainerApplyInTurn() {
        Task task = apply(task(TaskStatus.RUNNING), TaskStateChange.of(ARN)
                .container(ContainerStateChange.started("web", List.of())), T0);
        task = apply(task, TaskStateChange.of(ARN)
                .container(ContainerStateChange.exited("web", null, "ContainerVanishedError: gone"))
                .container(ContainerStateChange.health("web", HealthStatus.UNKNOWN)), T1);
        TaskContainer web = task.container("web").orElseThrow();
        assertThat(web.lastStatus()).as("the exit is not undone by the health change after it")
                .isEqualTo(ContainerStatus.STOPPED);
        assertThat(web.reason()).isEqualTo("ContainerVanishedError: gone");
    }

    private static Task apply(Task task, TaskStateChange.Builder change, Instant now) {
        return TaskStateChanges.apply(task, change.build(), now).orElseThrow();
    }

    private static Task task(TaskStatus status) {
        return new Task.Builder()
                .taskArn(ARN)
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .agentId("local-fargate")
                .lastStatus(status)
                .desiredStatus(status == TaskStatus.STOPPED ? DesiredStatus.STOPPED : DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .containers(List.of(new TaskContainer("arn:container/web", "web", "busybox", null,
                        ContainerStatus.PENDING, null, null, List.of(), HealthStatus.UNKNOWN, true, "0", null, null,
                        null, null)))
                .createdAt(T0)
                .build();
    }
}
