package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.target;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static dev.ecsd.lb.PlaneHarness.checkedGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A target that fails answers as ALB answers: 502 when it refuses, resets or talks nonsense, 504 when it is silent. */
class TargetFailureIT {
    private final PlaneHarness harness = new PlaneHarness();
    private final int port = FreePorts.freePort();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aTargetThatClosesTheConnectionIs502() {
        try (BrokenTarget target = new BrokenTarget(BrokenTarget.Behaviour.CLOSES)) {
            assertAlbPage(through(target.port(), 60), 502, "502 Bad Gateway");
        }
    }

    @Test
    void aTargetThatAnswersGarbageIs502() {
        try (BrokenTarget target = new BrokenTarget(BrokenTarget.Behaviour.ANSWERS_GARBAGE)) {
            assertAlbPage(through(target.port(), 60), 502, "502 Bad Gateway");
        }
    }

    @Test
    void aTargetThatRefusesIs502() {
        assertAlbPage(through(FreePorts.freePort(), 60), 502, "502 Bad Gateway");
    }

    @Test
    void aTargetSilentPastTheIdleTimeoutIs504() {
        try (BrokenTarget target = new BrokenTarget(BrokenTarget.Behaviour.STAYS_SILENT)) {
            long start = System.nanoTime();
            ContentResponse response = through(target.port(), 1);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertAlbPage(response, 504, "504 Gateway Time-out");
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
    }

    @Test
    void theListenerKeepsServingAfterAFailure() {
        try (BrokenTarget broken = new BrokenTarget(BrokenTarget.Behaviour.CLOSES)) {
            assertThat(through(broken.port(), 60).getStatus()).isEqualTo(502);
            TestTarget healthy = harness.target("ok");
            harness.plane.apply(PlaneHarness.forwardTo(port, List.of(healthy)));

            assertThat(harness.get(port, "/").getContentAsString()).isEqualTo("ok GET /");
        }
    }

    private ContentResponse through(int targetPort, int idleTimeoutSeconds) {
        harness.plane.apply(new ElbConfiguration(List.of(loadBalancer("lb", ElbFixtures.CREATED, idleTimeoutSeconds)),
                List.of(listener("lb", port, RuleAction.forward(targetGroupArn("web")))), List.of(),
                List.of(checkedGroup("web")), List.of(target("web", "127.0.0.1", targetPort, TargetHealthState.HEALTHY))));
        return harness.get(port, "/");
    }

    private static void assertAlbPage(ContentResponse response, int status, String title) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getHeaders().get("Server")).isEqualTo("awselb/2.0");
        assertThat(response.getMediaType()).isEqualTo("text/html");
        assertThat(response.getContentAsString()).contains("<center><h1>" + title + "</h1></center>");
    }
}
