package dev.ecsd.control.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.RolloutState;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.SqliteBackend;
import dev.ecsd.testing.VirtualTimer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios, on virtual time, with alarm actions written as alarm evaluation writes them. */
class AutoScalingControllerTest {
    private static final String CPU_TYPE = "ECSServiceAverageCPUUtilization";

    private AutoScalingWorld world = new AutoScalingWorld(new VirtualTimer(), new MemoryBackend());

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void ninetyPercentAgainstSeventyScalesFromTwoToThreeAfterTheHighAlarmsThreePeriods() {
        world.service(2, 2, 10);
        world.trackingPolicy("cpu-target-tracking", CPU_TYPE, 70, 60, 120);
        world.load(AutoScalingWorld.CPU, 90);

        world.minutes(2);
        assertThat(world.desired()).isEqualTo(2);
        world.minute();

        assertThat(world.desired()).isEqualTo(3);
        ScalingActivity activity = world.activities().getFirst();
        assertThat(activity.description()).isEqualTo("Setting desired count to 3.");
        assertThat(activity.cause()).startsWith("monitor alarm TargetTracking-service/my-cluster/web-service-AlarmHigh-")
                .endsWith(" in state ALARM triggered policy cpu-target-tracking");
        assertThat(activity.statusCode()).isEqualTo("Successful");
        assertThat(activity.statusMessage())
                .isEqualTo("Successfully set desired count to 3. Change successfully fulfilled by ecs.");
        assertThat(world.store.snapshot().count(Kind.ALARM_ACTION_INVOCATION)).isZero();
    }

    @Test
    void keepsScalingWhileTheLoadStaysRespectingTheCooldownAndMax() {
        world.service(2, 2, 10);
        world.trackingPolicy("cpu-target-tracking", CPU_TYPE, 70, 120, 120);
        world.load(AutoScalingWorld.CPU, 90);

        world.minutes(3);
        assertThat(world.desired()).isEqualTo(3);
        world.minute();
        assertThat(world.desired()).as("within the 120 s scale-out cooldown").isEqualTo(3);
        world.minute();
        // the cooldown has passed: ceil(3 × 90 / 70) = 4
        assertThat(world.desired()).isEqualTo(4);
        world.minutes(20);

        assertThat(world.desired()).isEqualTo(10);
        assertThat(world.activities().stream().filter(a -> !a.hasNotScaledReasons()).map(ScalingActivity::description))
                .containsExactly("Setting desired count to 3.", "Setting desired count to 4.",
                        "Setting desired count to 6.", "Setting desired count to 8.", "Setting desired count to 10.");
        assertThat(world.activities().stream().filter(ScalingActivity::hasNotScaledReasons))
                .singleElement()
                .satisfies(a -> assertThat(a.notScaledReasons().getFirst().code()).isEqualTo("AlreadyAtMaxCapacity"));
    }

    @Test
    void whenTheLoadDropsItScalesInOnlyAfterFifteenLowPeriodsAndNeverBelowMin() {
        world.service(6, 2, 10);
        world.trackingPolicy("cpu-target-tracking", CPU_TYPE, 70, 60, 120);
        world.load(AutoScalingWorld.CPU, 20);

        world.minutes(14);
        assertThat(world.desired()).isEqualTo(6);
        world.minute();
        // ceil(6 × 20 / 70) = 2, but at most half goes at once
        assertThat(world.desired()).isEqualTo(3);
        world.minute();
        assertThat(world.desired()).as("within the 120 s scale-in cooldown").isEqualTo(3);
        world.minutes(30);

        assertThat(world.desired()).isEqualTo(2);
    }

    @Test
    void noScaleInDuringADeploymentButAfterIt() {
        world.service(6, 2, 10);
        world.trackingPolicy("cpu-target-tracking", CPU_TYPE, 70, 60, 120);
        world.rollout(RolloutState.IN_PROGRESS);
        world.load(AutoScalingWorld.CPU, 20);

        world.minutes(20);
        assertThat(world.desired()).isEqualTo(6);

        world.rollout(RolloutState.COMPLETED);
        world.minute();
        assertThat(world.desired()).isEqualTo(3);
    }

    @Test
    void twoPoliciesThatDisagreeOnScaleInDoNotScaleIn() {
        world.service(6, 2, 10);
        ScalingPolicy cpu = world.trackingPolicy("cpu", CPU_TYPE, 70, 60, 120);
        ScalingPolicy memory = world.trackingPolicy("memory", "ECSServiceAverageMemoryUtilization", 70, 60, 120);
        world.load(AutoScalingWorld.CPU, 20);
        world.load(AutoScalingWorld.MEMORY, 65);

        world.minutes(20);
        assertThat(world.alarm(cpu, false).status().state().name()).isEqualTo("ALARM");
        assertThat(world.alarm(memory, false).status().state().name()).isEqualTo("OK");
        assertThat(world.desired()).isEqualTo(6);

        world.load(AutoScalingWorld.MEMORY, 30);
        world.minutes(15);
        assertThat(world.desired()).isLessThan(6);
    }

    @Test
    void anyPolicyMayScaleOut() {
        world.service(2, 2, 10);
        world.trackingPolicy("cpu", CPU_TYPE, 70, 60, 120);
        world.trackingPolicy("memory", "ECSServiceAverageMemoryUtilization", 50, 60, 120);
        world.load(AutoScalingWorld.CPU, 40);
        world.load(AutoScalingWorld.MEMORY, 100);

        world.minutes(3);

        assertThat(world.desired()).isEqualTo(4);
        assertThat(world.activities().getFirst().cause()).endsWith("triggered policy memory");
    }

    @Test
    void aScheduledActionAppliesAtItsTimeAndMovesTheDesiredCountIntoRange() {
        world.service(2, 2, 10);
        world.scheduledAction("business-hours", "at(2025-01-01T01:00:00)", 5, 20);
        world.runtime.runUntilIdle();

        world.timer.advanceTo(VirtualTimer.START.plus(Duration.ofMinutes(59)));
        world.runtime.runUntilIdle();
        assertThat(world.target().minCapacity()).isEqualTo(2);
        assertThat(world.desired()).isEqualTo(2);

        world.timer.advanceTo(VirtualTimer.START.plus(Duration.ofHours(1)));
        world.runtime.runUntilIdle();
        assertThat(world.target().minCapacity()).isEqualTo(5);
        assertThat(world.target().maxCapacity()).isEqualTo(20);
        assertThat(world.desired()).isEqualTo(5);
        assertThat(world.activities()).singleElement()
                .satisfies(a -> assertThat(a.cause()).isEqualTo("minimum capacity was set to 5"));

        world.timer.advance(Duration.ofHours(5));
        world.runtime.runUntilIdle();
        assertThat(world.activities()).hasSize(1);
    }

    @Test
    void aRepeatedInvocationOfTheSamePeriodScalesOnce() {
        world.service(2, 2, 10);
        ScalingPolicy policy = world.trackingPolicy("cpu", CPU_TYPE, 70, 0, 120);
        MetricAlarm high = world.alarm(policy, true);
        var periodEnd = world.timer.instant();

        for (int i = 0; i < 3; i++) {
            world.store.write(tx -> tx.put(Kind.ALARM_ACTION_INVOCATION,
                    AutoScalingWorld.invocation(policy.policyArn(), high, 90.0, periodEnd)));
            world.runtime.runUntilIdle();
        }

        assertThat(world.desired()).isEqualTo(3);
        assertThat(world.activities()).hasSize(1);
    }

    @Test
    void aRestartBetweenTheAlarmFiringAndTheScalingScalesExactlyOnce(@TempDir Path data) {
        world.close();
        VirtualTimer timer = new VirtualTimer();
        world = new AutoScalingWorld(timer, SqliteBackend.open(data.resolve("state.db")));
        world.service(2, 2, 10);
        ScalingPolicy policy = world.trackingPolicy("cpu", CPU_TYPE, 70, 60, 120);
        MetricAlarm high = world.alarm(policy, true);
        var periodEnd = timer.instant();
        // the alarm fired and its action was written, then the process died before the controller ran
        world.store.write(tx -> tx.put(Kind.ALARM_ACTION_INVOCATION,
                AutoScalingWorld.invocation(policy.policyArn(), high, 90.0, periodEnd)));
        world.store.close();

        world = new AutoScalingWorld(timer, SqliteBackend.open(data.resolve("state.db")));
        world.runtime.runUntilIdle();
        assertThat(world.desired()).isEqualTo(3);
        // after the restart, alarm evaluation catches up and writes the same period's action again
        world.store.write(tx -> tx.put(Kind.ALARM_ACTION_INVOCATION,
                AutoScalingWorld.invocation(policy.policyArn(), high, 90.0, periodEnd)));
        world.runtime.runUntilIdle();

        assertThat(world.desired()).isEqualTo(3);
        assertThat(world.activities()).hasSize(1);
        assertThat(world.store.snapshot().all(Kind.ALARM_ACTION_INVOCATION).toList()).isEqualTo(List.of());
    }
}
