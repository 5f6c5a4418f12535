package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which tasks a Spot interruption may hit, what the notice does to one, and how often chaos strikes. */
class SpotInterruptionsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void onlyARunningOrStartingFargateSpotTaskCanBeInterrupted() {
        assertThat(SpotInterruptions.refusal(task("1", "FARGATE_SPOT", DesiredStatus.RUNNING))).isEmpty();
        assertThat(SpotInterruptions.refusal(task("2", "FARGATE", DesiredStatus.RUNNING))).contains("Task "
                + arn("2") + " runs on capacity provider FARGATE, not FARGATE_SPOT: only Fargate Spot tasks can be "
                + "interrupted.");
        assertThat(SpotInterruptions.refusal(task("3", null, DesiredStatus.RUNNING))).contains("Task " + arn("3")
                + " runs on the FARGATE launch type, not FARGATE_SPOT: only Fargate Spot tasks can be interrupted.");
        assertThat(SpotInterruptions.refusal(task("4", "FARGATE_SPOT", DesiredStatus.STOPPED)))
                .contains("Task " + arn("4") + " is already stopping or stopped.");
    }

    @Test
    void theNoticeStopsTheTaskWithEcsCodeAndReason() {
        Task interrupted = SpotInterruptions.interrupted(task("1", "FARGATE_SPOT", DesiredStatus.RUNNING), NOW);

        assertThat(interrupted.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(interrupted.stopCode()).isEqualTo(TaskStopCode.SpotInterruption);
        assertThat(interrupted.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");
        assertThat(interrupted.stoppingAt()).isEqualTo(NOW);
        assertThat(interrupted.lastStatus()).as("it keeps running until its containers stop")
                .isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void chaosHitsNoneAtRateZeroAndAboutOneMinusOneOverEOfTheTasksInAnHourAtRateOne() {
        List<Task> tasks = IntStream.range(0, 2000).mapToObj(i -> task(Integer.toString(i), "FARGATE_SPOT",
                DesiredStatus.RUNNING)).toList();

        assertThat(SpotInterruptionChaos.victims(tasks, 0, Duration.ofHours(5), new SplittableRandom(1))).isEmpty();
        assertThat(SpotInterruptionChaos.victims(tasks, 1, Duration.ZERO, new SplittableRandom(1))).isEmpty();
        int hit = SpotInterruptionChaos.victims(tasks, 1, Duration.ofHours(1), new SplittableRandom(1)).size();
        // 1 - 1/e = 63.2 %, binomial standard deviation of 2000 draws about 22
        assertThat(hit).isBetween(1264 - 110, 1264 + 110);
        assertThat(SpotInterruptionChaos.victims(tasks, 1, Duration.ofHours(1), new SplittableRandom(1)))
                .as("the same seed, the same victims").hasSize(hit);
    }

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:000000000000:task/c/" + id;
    }

    private static Task task(String id, String capacityProvider, DesiredStatus desired) {
        return new Task.Builder().taskArn(arn(id)).clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1").launchType("FARGATE")
                .capacityProviderName(capacityProvider).lastStatus(TaskStatus.RUNNING).desiredStatus(desired)
                .overrides(TaskOverride.none()).createdAt(NOW).build();
    }
}
