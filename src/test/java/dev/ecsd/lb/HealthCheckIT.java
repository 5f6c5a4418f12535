package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static dev.ecsd.lb.PlaneHarness.forwardTo;
import static dev.ecsd.lb.PlaneHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks against real targets on 127.0.0.1, and what routing makes of them. */
class HealthCheckIT {
    private final PlaneHarness harness = new PlaneHarness();
    private final int port = FreePorts.freePort();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aNewTargetReportsItsInitialChecksThenHealthyWithAlbsCheckRequest() {
        TestTarget target = harness.target("a");
        harness.plane.apply(forwardTo(port, List.of(target)));

        harness.awaitHealthy(target);

        assertThat(harness.events.healthChanges).containsExactly(
                new RecordingEvents.HealthChange(targetGroupArn("web"), "127.0.0.1", target.port(),
                        TargetHealthState.INITIAL, "Elb.InitialHealthChecking", "Initial health checks in progress"),
                new RecordingEvents.HealthChange(targetGroupArn("web"), "127.0.0.1", target.port(),
                        TargetHealthState.HEALTHY, null, null));
        var check = target.healthCheckHeaders().getFirst();
        assertThat(header(check, "User-Agent")).containsExactly("ELB-HealthChecker/2.0");
        assertThat(header(check, "Connection")).containsExactly("close");
    }

    @Test
    void aTargetFailingItsChecksTurnsUnhealthyAndGetsNoMoreRequests() {
        TestTarget good = harness.target("good");
        TestTarget bad = harness.target("bad");
        harness.plane.apply(forwardTo(port, List.of(good, bad)));
        harness.awaitHealthy(good, bad);

        bad.answerHealthChecksWith(500);
        await("bad unhealthy").atMost(Duration.ofSeconds(10)).until(() -> harness.events.latest(bad.port())
                .map(change -> change.state() == TargetHealthState.UNHEALTHY).orElse(false));
        int servedBefore = bad.requests();
        Set<String> answeredBy = IntStream.range(0, 20)
                .mapToObj(i -> harness.get(port, "/").getContentAsString().split(" ")[0]).collect(Collectors.toSet());

        assertThat(harness.events.latest(bad.port())).hasValueSatisfying(change -> {
            assertThat(change.reason()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(change.description()).isEqualTo("Health checks failed with these codes: [500]");
        });
        assertThat(answeredBy).containsExactly("good");
        assertThat(bad.requests()).isEqualTo(servedBefore);

        bad.answerHealthChecksWith(200);
        harness.awaitHealthy(bad);
        assertThat(IntStream.range(0, 4).mapToObj(i -> harness.get(port, "/").getContentAsString().split(" ")[0]))
                .contains("good", "bad");
    }

    @Test
    void whenEveryTargetIsUnhealthyRequestsFailOpenToAllOfThem() {
        TestTarget first = harness.target("first");
        TestTarget second = harness.target("second");
        first.answerHealthChecksWith(404);
        second.answerHealthChecksWith(404);
        harness.plane.apply(forwardTo(port, List.of(first, second)));

        await("both unhealthy").atMost(Duration.ofSeconds(10)).until(() -> List.of(first, second).stream()
                .allMatch(target -> harness.events.latest(target.port())
                        .map(change -> change.state() == TargetHealthState.UNHEALTHY).orElse(false)));

        assertThat(harness.events.latest(first.port()).orElseThrow().description())
                .isEqualTo("Health checks failed with these codes: [404]");
        assertThat(IntStream.range(0, 4).mapToObj(i -> harness.get(port, "/").getContentAsString().split(" ")[0])
                .collect(Collectors.groupingBy(name -> name, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("first", 2L, "second", 2L));
    }

    @Test
    void aTargetThatCannotBeReachedFailsItsChecks() {
        TestTarget reachable = harness.target("reachable");
        int nothingThere = FreePorts.freePort();
        ElbConfiguration configuration = forwardTo(port, List.of(reachable));
        harness.plane.apply(new ElbConfiguration(configuration.loadBalancers(), configuration.listeners(), List.of(),
                configuration.targetGroups(), List.of(configuration.targets().getFirst(),
                        ElbFixtures.target("web", "127.0.0.1", nothingThere, TargetHealthState.INITIAL))));

        await("refusing target unhealthy").atMost(Duration.ofSeconds(10)).until(() -> harness.events.latest(nothingThere)
                .map(change -> change.state() == TargetHealthState.UNHEALTHY).orElse(false));

        assertThat(harness.events.latest(nothingThere).orElseThrow().reason()).isEqualTo("Target.FailedHealthChecks");
    }
}
