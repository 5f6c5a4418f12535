package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.TargetHealthState;
import org.junit.jupiter.api.Test;

class HealthCounterTest {
    private static final int HEALTHY_THRESHOLD = 3;
    private static final int UNHEALTHY_THRESHOLD = 2;
    private static final HealthStatus REGISTERING = new HealthStatus(TargetHealthState.INITIAL,
            "Elb.RegistrationInProgress", "Target registration is in progress");

    @Test
    void aNewTargetShowsItsInitialChecksThenOnePassMakesItHealthy() {
        HealthCounter counter = HealthCounter.startingFrom(REGISTERING).checking();
        assertThat(counter.status()).isEqualTo(HealthStatus.INITIAL_CHECKING);

        assertThat(next(counter, HealthCheckResult.PASSED).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void aNewTargetThatFailsBecomesUnhealthyAtTheUnhealthyThreshold() {
        HealthCounter counter = HealthCounter.startingFrom(REGISTERING).checking();

        counter = next(counter, HealthCheckResult.codeMismatch(404));
        assertThat(counter.status()).isEqualTo(HealthStatus.INITIAL_CHECKING);
        counter = next(counter, HealthCheckResult.codeMismatch(404));
        assertThat(counter.status()).isEqualTo(new HealthStatus(TargetHealthState.UNHEALTHY,
                "Target.ResponseCodeMismatch", "Health checks failed with these codes: [404]"));
    }

    @Test
    void aHealthyTargetNeedsConsecutiveFailuresToTurnUnhealthy() {
        HealthCounter counter = HealthCounter.startingFrom(HealthStatus.HEALTHY);

        counter = next(counter, HealthCheckResult.TIMED_OUT);
        counter = next(counter, HealthCheckResult.PASSED);
        counter = next(counter, HealthCheckResult.TIMED_OUT);
        assertThat(counter.status()).isEqualTo(HealthStatus.HEALTHY);
        counter = next(counter, HealthCheckResult.TIMED_OUT);
        assertThat(counter.status()).isEqualTo(new HealthStatus(TargetHealthState.UNHEALTHY, "Target.Timeout",
                "Request timed out"));
    }

    @Test
    void anUnhealthyTargetNeedsTheHealthyThresholdOfConsecutivePasses() {
        HealthCounter counter = HealthCounter.startingFrom(new HealthStatus(TargetHealthState.UNHEALTHY,
                "Target.FailedHealthChecks", "Health checks failed"));

        counter = next(next(counter, HealthCheckResult.PASSED), HealthCheckResult.PASSED);
        assertThat(counter.status().state()).isEqualTo(TargetHealthState.UNHEALTHY);
        counter = next(counter, HealthCheckResult.FAILED);
        counter = next(next(counter, HealthCheckResult.PASSED), HealthCheckResult.PASSED);
        assertThat(counter.status().state()).isEqualTo(TargetHealthState.UNHEALTHY);
        assertThat(next(counter, HealthCheckResult.PASSED).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void whileUnhealthyTheReasonFollowsTheLatestFailure() {
        HealthCounter counter = HealthCounter.startingFrom(new HealthStatus(TargetHealthState.UNHEALTHY,
                "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]"));

        assertThat(next(counter, HealthCheckResult.FAILED).status())
                .isEqualTo(new HealthStatus(TargetHealthState.UNHEALTHY, "Target.FailedHealthChecks",
                        "Health checks failed"));
    }

    @Test
    void aTargetSeenBeforeKeepsItsHealthWhenChecksStartAgain() {
        assertThat(HealthCounter.startingFrom(HealthStatus.HEALTHY).checking().status())
                .isEqualTo(HealthStatus.HEALTHY);
        HealthStatus unused = new HealthStatus(TargetHealthState.UNUSED, "Target.NotInUse",
                "Target group is not configured to receive traffic from the load balancer");
        assertThat(HealthCounter.startingFrom(unused).checking().status()).isEqualTo(HealthStatus.INITIAL_CHECKING);
    }

    private static HealthCounter next(HealthCounter counter, HealthCheckResult result) {
        return counter.next(result, HEALTHY_THRESHOLD, UNHEALTHY_THRESHOLD);
    }
}
