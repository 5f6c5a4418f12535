package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.listenerArn;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static dev.ecsd.lb.PlaneHarness.checkedGroup;
import static dev.ecsd.lb.PlaneHarness.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listener ports open, close and recover one at a time, without disturbing the others. */
class ListenerPortsIT {
    private final PlaneHarness harness = new PlaneHarness();
    private final TestTarget target = harness.target("web");
    private final int first = FreePorts.freePort();
    private final int second = FreePorts.freePort();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aPortInUseIsReportedAndServedOnceItIsFree() throws IOException {
        ServerSocket squatter = new ServerSocket(second, 1, InetAddress.getLoopbackAddress());
        try {
            harness.plane.apply(configuration(List.of(listener("lb", first, forward()), listener("lb", second, forward()))));

            assertThat(harness.events.latestPortReport(listenerArn("lb", second))).hasValueSatisfying(report -> {
                assertThat(report.failureReason()).contains("Port " + second).contains("127.0.0.1")
                        .contains("Address already in use");
            });
            assertThat(harness.events.latestPortReport(listenerArn("lb", first)))
                    .hasValue(new RecordingEvents.PortReport(listenerArn("lb", first), first, null));
            assertThat(harness.get(first, "/").getContentAsString()).startsWith("web");
            assertThat(harness.plane.listenerFailures()).as("what the plane answers when asked, as it reported")
                    .containsOnlyKeys(listenerArn("lb", second));
        } finally {
            squatter.close();
        }

        await("the freed port bound").atMost(LoadBalancerPlane.BIND_RETRY.multipliedBy(3)).until(() ->
                harness.events.latestPortReport(listenerArn("lb", second)).orElseThrow().failureReason() == null);
        assertThat(harness.get(second, "/").getContentAsString()).startsWith("web");
        assertThat(harness.plane.listenerFailures()).isEmpty();
    }

    @Test
    void aRemovedListenerClosesItsPortAndOnlyIt() throws IOException {
        harness.plane.apply(configuration(List.of(listener("lb", first, forward()), listener("lb", second, forward()))));

        try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), first)) {
            kept.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(kept.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(exchange(kept, in).statusLine()).isEqualTo("HTTP/1.1 200 OK");

            harness.plane.apply(configuration(List.of(listener("lb", first, forward()))));

            assertThat(harness.bodyOrFailure(second, "/")).startsWith("failed:");
            assertThat(exchange(kept, in).body()).startsWith("web");
        }
        harness.plane.apply(configuration(List.of(listener("lb", first, forward()), listener("lb", second, forward()))));
        assertThat(harness.bodyOrFailure(second, "/")).startsWith("web");
    }

    @Test
    void aSharedPortStaysOpenWhileOneLoadBalancerListensThere() {
        var other = loadBalancer("other", ElbFixtures.CREATED.plusSeconds(1), 60);
        Listener ours = listener("lb", first, forward());
        Listener theirs = listener("other", first, RuleAction.forward(targetGroupArn("web")));
        harness.plane.apply(new ElbConfiguration(List.of(loadBalancer("lb"), other), List.of(ours, theirs), List.of(),
                List.of(checkedGroup("web")), List.of(registered("web", target))));

        harness.plane.apply(new ElbConfiguration(List.of(other), List.of(theirs), List.of(),
                List.of(checkedGroup("web")), List.of(registered("web", target))));

        assertThat(harness.bodyOrFailure(first, "/")).startsWith("web");
    }

    @Test
    void aListenerOfAnotherProtocolIsReportedAndNotServed() {
        Listener https = new Listener(listenerArn("lb", second), ElbFixtures.loadBalancerArn("lb"), "HTTPS", second,
                List.of(forward()), java.util.Map.of());

        harness.plane.apply(configuration(List.of(listener("lb", first, forward()), https)));

        assertThat(harness.events.latestPortReport(https.listenerArn())).hasValueSatisfying(report ->
                assertThat(report.failureReason()).isEqualTo("The HTTPS listener on port " + second
                        + " is not served: ecsd's load balancer serves HTTP listeners only"));
        assertThat(harness.bodyOrFailure(second, "/")).startsWith("failed:");
    }

    private RawResponse exchange(Socket socket, BufferedReader in) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return RawResponse.read(in);
    }

    private static RuleAction forward() {
        return RuleAction.forward(targetGroupArn("web"));
    }

    private ElbConfiguration configuration(List<Listener> listeners) {
        return new ElbConfiguration(List.of(loadBalancer("lb")), listeners, List.of(), List.of(checkedGroup("web")),
                List.of(registered("web", target)));
    }
}
