package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.healthCheck;
import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.targetGroup;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.testing.RealTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/**
 * A plane on 127.0.0.1 with targets of its own, and a client to send requests through its listeners. Health checks
 * run every second, so that tests see them act within a few seconds.
 */
final class PlaneHarness implements AutoCloseable {
    static final String GROUP = "web";

    final RecordingEvents events = new RecordingEvents();
    final LoadBalancerPlane plane = new LoadBalancerPlane("127.0.0.1", RealTime.TIMER, events);
    final HttpClient client = new HttpClient();
    private final List<TestTarget> targets = new ArrayList<>();

    PlaneHarness() {
        try {
            client.setFollowRedirects(false);
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TestTarget target(String name) {
        TestTarget target = new TestTarget(name);
        targets.add(target);
        return target;
    }

    /** A target group checked every second on /health: 2 passes to recover, 2 failures to fail. */
    static TargetGroup checkedGroup(String name) {
        return targetGroup(name, healthCheck(TestTarget.HEALTH_PATH, 1, 2, 2, "200"), Map.of());
    }

    static Target registered(String group, TestTarget target) {
        return ElbFixtures.target(group, "127.0.0.1", target.port(), TargetHealthState.INITIAL);
    }

    /** One load balancer whose listener on {@code port} forwards to the group "web" and its targets. */
    static ElbConfiguration forwardTo(int port, List<TestTarget> webTargets) {
        return new ElbConfiguration(List.of(loadBalancer("lb")),
                List.of(listener("lb", port, RuleAction.forward(targetGroupArn(GROUP)))), List.of(),
                List.of(checkedGroup(GROUP)), webTargets.stream().map(target -> registered(GROUP, target)).toList());
    }

    void awaitHealthy(TestTarget... healthy) {
        await("targets healthy").atMost(Duration.ofSeconds(10)).until(() -> List.of(healthy).stream().allMatch(
                target -> events.latest(target.port()).map(change -> change.state() == TargetHealthState.HEALTHY)
                        .orElse(false)));
    }

    ContentResponse get(int port, String path) {
        return send(client.newRequest("http://127.0.0.1:" + port + path));
    }

    ContentResponse get(int port, String path, String host) {
        return send(client.newRequest("http://127.0.0.1:" + port + path).headers(h -> h.put(HttpHeader.HOST, host)));
    }

    /** The body of a GET, or the request's failure as text (a port not served, say). */
    String bodyOrFailure(int port, String path) {
        try {
            return client.newRequest("http://127.0.0.1:" + port + path).timeout(5, TimeUnit.SECONDS).send()
                    .getContentAsString();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    ContentResponse send(Request request) {
        try {
            return request.timeout(20, TimeUnit.SECONDS).send();
        } catch (Exception e) {
            throw new IllegalStateException("request through the listener failed: " + e, e);
        }
    }

    /** A header's values as a JDK HttpServer recorded them (it capitalizes names its own way). */
    static List<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().toLowerCase(Locale.ROOT)
                .equals(name.toLowerCase(Locale.ROOT))).flatMap(entry -> entry.getValue().stream()).toList();
    }

    @Override
    public void close() {
        plane.close();
        targets.forEach(TestTarget::close);
        try {
            client.stop();
        } catch (Exception e) {
            // closing after a test
        }
    }
}
