package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.loadBalancerArn;
import static dev.ecsd.lb.ElbFixtures.target;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static dev.ecsd.lb.PlaneHarness.checkedGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plane counts what it forwards, per load balancer and target group, and who answered. */
class RequestCountsIT {
    private static final RequestCounts.Key WEB = new RequestCounts.Key(loadBalancerArn("lb"), targetGroupArn("web"));
    private final PlaneHarness harness = new PlaneHarness();
    private final int port = FreePorts.freePort();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void forwardedRequestsAreCountedWithTheTargetsStatusClassAndFailuresAsTheLoadBalancers() {
        TestTarget healthy = harness.target("ok");
        forwardTo(healthy.port());
        for (int i = 0; i < 3; i++) {
            assertThat(harness.get(port, "/").getStatus()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.plane.requestCounts().get(WEB),
                counts -> counts != null && counts.target2xx() == 3);

        forwardTo(FreePorts.freePort()); // nothing listens there: the load balancer answers 502
        assertThat(harness.get(port, "/").getStatus()).isEqualTo(502);

        RequestCounts.Counts counts = await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.plane.requestCounts().get(WEB), c -> c.elb5xx() == 1);
        assertThat(counts).isEqualTo(new RequestCounts.Counts(4, 3, 0, 0, 0, 1));
        assertThat(counts.since(new RequestCounts.Counts(1, 1, 0, 0, 0, 0)))
                .isEqualTo(new RequestCounts.Counts(3, 2, 0, 0, 0, 1));
    }

    private void forwardTo(int targetPort) {
        harness.plane.apply(new ElbConfiguration(List.of(loadBalancer("lb")),
                List.of(listener("lb", port, RuleAction.forward(targetGroupArn("web")))), List.of(),
                List.of(checkedGroup("web")), List.of(target("web", "127.0.0.1", targetPort, TargetHealthState.HEALTHY))));
    }
}
