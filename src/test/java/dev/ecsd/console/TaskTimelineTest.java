package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.console.TaskTimeline.State;
import dev.ecsd.console.TaskTimeline.Step;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTimelineTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

    private static Task.Builder task(TaskStatus last, DesiredStatus desired) {
        return new Task.Builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/abc")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c").lastStatus(last).desiredStatus(desired)
                .createdAt(T0);
    }

    @Test
    void aNewTaskIsCreatedAndOnItsWayToPullItsImage() {
        List<Step> steps = TaskTimeline.of(task(TaskStatus.PROVISIONING, DesiredStatus.RUNNING).build());

        assertThat(steps).extracting(Step::name, Step::state, Step::at).containsExactly(
                tuple("Created", State.DONE, T0),
                tuple("Pulled", State.CURRENT, null),
                tuple("Running", State.TODO, null),
                tuple("Stopping", State.TODO, null),
                tuple("Stopped", State.TODO, null));
        assertThat(steps.get(2).state().greyed()).isTrue();
        assertThat(steps.get(1).state().greyed()).isFalse();
    }

    @Test
    void aRunningTaskHasItsPullTimedAndIsNotHeadingForStopping() {
        Task running = task(TaskStatus.RUNNING, DesiredStatus.RUNNING)
                .pullStartedAt(T0.plusSeconds(1)).pullStoppedAt(T0.plusMillis(3_500)).startedAt(T0.plusSeconds(4))
                .build();

        List<Step> steps = TaskTimeline.of(running);

        assertThat(steps).extracting(Step::state)
                .containsExactly(State.DONE, State.DONE, State.DONE, State.TODO, State.TODO);
        assertThat(steps.get(1).detail()).isEqualTo("image pull took 2.5 s");
        assertThat(steps.get(2).at()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void aStepPassedWithoutATimeIsSkippedNotToCome() {
        Task running = task(TaskStatus.RUNNING, DesiredStatus.RUNNING).startedAt(T0.plusSeconds(1)).build();

        assertThat(TaskTimeline.of(running)).extracting(Step::name, Step::state).startsWith(
                tuple("Created", State.DONE), tuple("Pulled", State.SKIPPED), tuple("Running", State.DONE));
    }

    @Test
    void aTaskWhoseContainerExitedStoppedAsAFailureWithHowLongItRan() {
        Task stopped = task(TaskStatus.STOPPED, DesiredStatus.STOPPED)
                .pullStartedAt(T0).pullStoppedAt(T0.plusSeconds(1)).startedAt(T0.plusSeconds(2))
                .stoppingAt(T0.plusSeconds(10)).executionStoppedAt(T0.plusSeconds(12)).stoppedAt(T0.plusSeconds(13))
                .stopCode(TaskStopCode.EssentialContainerExited).stoppedReason("Essential container in task exited")
                .build();

        List<Step> steps = TaskTimeline.of(stopped);

        assertThat(steps).extracting(Step::state)
                .containsExactly(State.DONE, State.DONE, State.DONE, State.DONE, State.FAILED);
        assertThat(steps.get(3).detail()).isEqualTo("EssentialContainerExited");
        assertThat(steps.getLast().detail()).isEqualTo("ran 10.0 s");
        assertThat(steps.getLast().at()).isEqualTo(T0.plusSeconds(13));
    }

    @Test
    void aTaskStoppedByItsUserIsDoneNotFailed() {
        Task stopped = task(TaskStatus.STOPPED, DesiredStatus.STOPPED).startedAt(T0.plusSeconds(2))
                .stoppingAt(T0.plusSeconds(5)).stoppedAt(T0.plusSeconds(6)).stopCode(TaskStopCode.UserInitiated)
                .build();

        assertThat(TaskTimeline.of(stopped).getLast().state()).isEqualTo(State.DONE);
    }

    @Test
    void aTaskThatFailedToStartSkipsRunningForGood() {
        Task failed = task(TaskStatus.STOPPED, DesiredStatus.STOPPED).stoppingAt(T0.plusSeconds(1))
                .stoppedAt(T0.plusSeconds(2)).stopCode(TaskStopCode.TaskFailedToStart)
                .stoppedReason("CannotPullContainerError: pull image manifest has been retried 5 time(s)").build();

        assertThat(TaskTimeline.of(failed)).extracting(Step::name, Step::state, Step::detail).containsExactly(
                tuple("Created", State.DONE, null),
                tuple("Pulled", State.SKIPPED, "skipped"),
                tuple("Running", State.SKIPPED, "skipped"),
                tuple("Stopping", State.DONE, "TaskFailedToStart"),
                tuple("Stopped", State.FAILED, null));
    }

    @Test
    void aTaskBeingStoppedIsOnItsWayToStopped() {
        Task stopping = task(TaskStatus.RUNNING, DesiredStatus.STOPPED).startedAt(T0.plusSeconds(1))
                .stoppingAt(T0.plusSeconds(5)).stopCode(TaskStopCode.UserInitiated).build();

        assertThat(TaskTimeline.of(stopping).getLast().state()).isEqualTo(State.CURRENT);
        assertThat(State.CURRENT.css()).isEqualTo("current");
    }
}
