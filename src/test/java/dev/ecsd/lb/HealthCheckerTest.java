package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.healthCheck;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {
    private static final TargetGroupHealthCheck EVERY_10_SECONDS = healthCheck("/health", 10, 3, 2, "200-299");
    private static final HealthStatus REGISTERING = new HealthStatus(TargetHealthState.INITIAL,
            "Elb.RegistrationInProgress", "Target registration is in progress");

    private final VirtualTimer timer = new VirtualTimer();
    private final ScriptedProbe probe = new ScriptedProbe();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private HealthChecker checker = new HealthChecker(timer, probe, Runnable::run, 8,
            (key, status) -> changes.add(new Change(key.port(), status)));

    record Change(int port, HealthStatus status) {
    }

    /** Answers each port's checks by a script, and notes when each check ran. */
    private final class ScriptedProbe implements HealthProbe {
        final Map<Integer, Supplier<HealthCheckResult>> answers = new ConcurrentHashMap<>();
        final List<Instant> checkedAt = new CopyOnWriteArrayList<>();

        @Override
        public HealthCheckResult check(String host, int port, String path, Duration timeout, SuccessCodes codes) {
            checkedAt.add(timer.instant());
            return answers.getOrDefault(port, () -> HealthCheckResult.PASSED).get();
        }
    }

    @AfterEach
    void closeChecker() {
        checker.close();
    }

    @Test
    void aNewTargetIsCheckedAtOnceAndOnePassMakesItHealthy() {
        checker.update(List.of(checked(8001, REGISTERING)));

        assertThat(changes).containsExactly(new Change(8001, HealthStatus.INITIAL_CHECKING),
                new Change(8001, HealthStatus.HEALTHY));
        assertThat(checker.states()).containsEntry(key(8001), TargetHealthState.HEALTHY);
    }

    @Test
    void checksFollowTheGroupsIntervalAndOnlyChangesAreReported() {
        checker.update(List.of(checked(8001, REGISTERING)));

        timer.advance(Duration.ofSeconds(35));

        assertThat(probe.checkedAt).containsExactly(VirtualTimer.START, VirtualTimer.START.plusSeconds(10),
                VirtualTimer.START.plusSeconds(20), VirtualTimer.START.plusSeconds(30));
        assertThat(changes).hasSize(2);
    }

    @Test
    void failuresUpToTheThresholdMakeATargetUnhealthyAndPassesBringItBack() {
        checker.update(List.of(checked(8001, HealthStatus.HEALTHY)));
        probe.answers.put(8001, () -> HealthCheckResult.codeMismatch(500));

        timer.advance(Duration.ofSeconds(10));
        assertThat(changes).isEmpty();
        timer.advance(Duration.ofSeconds(10));
        assertThat(changes).containsExactly(new Change(8001, new HealthStatus(TargetHealthState.UNHEALTHY,
                "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]")));

        probe.answers.put(8001, () -> HealthCheckResult.PASSED);
        timer.advance(Duration.ofSeconds(20));
        assertThat(changes).hasSize(1);
        timer.advance(Duration.ofSeconds(10));
        assertThat(changes).last().isEqualTo(new Change(8001, HealthStatus.HEALTHY));
    }

    @Test
    void aTargetAlreadyHealthyStartsHealthyWithoutAnInitialReport() {
        checker.update(List.of(checked(8001, HealthStatus.HEALTHY)));
        timer.advance(Duration.ofSeconds(30));

        assertThat(changes).isEmpty();
        assertThat(probe.checkedAt).hasSize(4);
    }

    @Test
    void aTargetNoLongerCheckedIsNotCheckedAgainAndItsRunningCheckIsDropped() {
        probe.answers.put(8001, () -> {
            checker.update(List.of());
            return HealthCheckResult.FAILED;
        });
        checker.update(List.of(checked(8001, HealthStatus.HEALTHY)));
        timer.advance(Duration.ofSeconds(60));

        assertThat(probe.checkedAt).hasSize(1);
        assertThat(changes).isEmpty();
        assertThat(checker.states()).isEmpty();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aTargetKeepsItsCountersWhenTheConfigurationIsAppliedAgain() {
        checker.update(List.of(checked(8001, REGISTERING)));
        checker.update(List.of(checked(8001, REGISTERING)));
        timer.advance(Duration.ofSeconds(5));

        assertThat(checker.states()).containsEntry(key(8001), TargetHealthState.HEALTHY);
        assertThat(probe.checkedAt).hasSize(1);
    }

    @Test
    void aNewIntervalCountsFromTheLastCheck() {
        checker.update(List.of(checked(8001, HealthStatus.HEALTHY)));
        timer.advance(Duration.ofSeconds(2));

        checker.update(List.of(new HealthChecker.CheckedTarget(key(8001), "127.0.0.1", 8001,
                healthCheck("/health", 5, 3, 2, "200"), HealthStatus.HEALTHY)));
        timer.advance(Duration.ofSeconds(10));

        assertThat(probe.checkedAt).containsExactly(VirtualTimer.START, VirtualTimer.START.plusSeconds(5),
                VirtualTimer.START.plusSeconds(10));
    }

    @Test
    void aHungTargetDelaysNoOtherAndItsNextTicksAreSkipped() throws InterruptedException {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        probe.answers.put(8001, () -> {
            hung.countDown();
            waitFor(release);
            return HealthCheckResult.TIMED_OUT;
        });
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                checker.close();
                checker = new HealthChecker(timer, probe, threads, 8,
                        (key, status) -> changes.add(new Change(key.port(), status)));

                checker.update(List.of(checked(8001, REGISTERING), checked(8002, REGISTERING)));
                assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> changes.contains(new Change(8002, HealthStatus.HEALTHY)));
                // one interval at a time: each of 8002's checks ends before its next tick is due
                timer.advance(Duration.ofSeconds(10));
                await().atMost(Duration.ofSeconds(10)).until(() -> probe.checkedAt.size() == 3);
                timer.advance(Duration.ofSeconds(10));
                await().atMost(Duration.ofSeconds(10)).until(() -> probe.checkedAt.size() == 4);

                assertThat(changes).doesNotContain(new Change(8001, HealthStatus.HEALTHY));
            } finally {
                // the executor's close waits for the hung check: release it whatever the test found
                release.countDown();
            }
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TargetKey key(int port) {
        return new TargetKey(targetGroupArn("web"), "127.0.0.1", port);
    }

    private static HealthChecker.CheckedTarget checked(int port, HealthStatus seed) {
        return new HealthChecker.CheckedTarget(key(port), "127.0.0.1", port, EVERY_10_SECONDS, seed);
    }
}
