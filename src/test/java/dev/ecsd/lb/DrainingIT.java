package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static dev.ecsd.lb.PlaneHarness.forwardTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.elb.Target;
import dev.ecsd.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deregistration: a draining target gets no new request, while the ones it is serving finish. */
class DrainingIT {
    private final PlaneHarness harness = new PlaneHarness();
    private final int port = FreePorts.freePort();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aDrainingTargetFinishesItsRequestsAndGetsNoNewOne() throws Exception {
        TestTarget leaving = harness.target("leaving");
        TestTarget staying = harness.target("staying");
        ElbConfiguration both = forwardTo(port, List.of(leaving, staying));
        harness.plane.apply(both);
        harness.awaitHealthy(leaving, staying);

        var slow = new CompletableResponseListener(harness.client.newRequest("http://127.0.0.1:" + port + "/slow")
                .timeout(20, TimeUnit.SECONDS)).send();
        await("a slow request on each target").atMost(Duration.ofSeconds(5))
                .until(() -> leaving.slowRequestsStarted() + staying.slowRequestsStarted() == 1);
        TestTarget busy = leaving.slowRequestsStarted() == 1 ? leaving : staying;
        TestTarget other = busy == leaving ? staying : leaving;
        assertThat(harness.plane.inFlight(targetGroupArn("web"), "127.0.0.1", busy.port())).isEqualTo(1);

        harness.plane.apply(new ElbConfiguration(both.loadBalancers(), both.listeners(), both.rules(),
                both.targetGroups(), both.targets().stream()
                        .map(target -> target.port() == busy.port() ? target.draining(ElbFixtures.CREATED.plusSeconds(300))
                                : target)
                        .toList()));
        int servedByBusy = busy.requests();
        List<String> answers = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> harness.get(port, "/").getContentAsString().split(" ")[0]).toList();

        assertThat(answers).containsOnly(other.name());
        assertThat(busy.requests()).isEqualTo(servedByBusy);
        assertThat(harness.plane.inFlight(targetGroupArn("web"), "127.0.0.1", busy.port())).isEqualTo(1);

        busy.releaseSlowRequests();
        ContentResponse finished = slow.get(10, TimeUnit.SECONDS);
        assertThat(finished.getStatus()).isEqualTo(200);
        assertThat(finished.getContentAsString()).isEqualTo(busy.name() + " GET /slow");
        await("no request in flight").atMost(Duration.ofSeconds(5))
                .until(() -> harness.plane.inFlight(targetGroupArn("web"), "127.0.0.1", busy.port()) == 0);
        assertThat(harness.events.healthChanges).noneMatch(change -> change.port() == busy.port()
                && change.state() == dev.ecsd.model.elb.TargetHealthState.DRAINING);
    }

    @Test
    void aTargetRemovedFromTheGroupGetsNoNewRequest() {
        TestTarget removed = harness.target("removed");
        TestTarget kept = harness.target("kept");
        ElbConfiguration both = forwardTo(port, List.of(removed, kept));
        harness.plane.apply(both);
        harness.awaitHealthy(removed, kept);

        List<Target> onlyKept = both.targets().stream().filter(target -> target.port() == kept.port()).toList();
        harness.plane.apply(new ElbConfiguration(both.loadBalancers(), both.listeners(), both.rules(),
                both.targetGroups(), onlyKept));
        int servedBefore = removed.requests();

        assertThat(java.util.stream.IntStream.range(0, 6).mapToObj(i -> harness.get(port, "/").getContentAsString()))
                .allMatch(body -> body.startsWith("kept"));
        assertThat(removed.requests()).isEqualTo(servedBefore);
    }
}
