package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.condition;
import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.rule;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;
import static dev.ecsd.lb.PlaneHarness.checkedGroup;
import static dev.ecsd.lb.PlaneHarness.forwardTo;
import static dev.ecsd.lb.PlaneHarness.header;
import static dev.ecsd.lb.PlaneHarness.registered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests through a real listener on 127.0.0.1 to small HTTP targets. */
class ProxyIT {
    private final PlaneHarness harness = new PlaneHarness();
    private final int port = FreePorts.freePort();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void requestsSpreadRoundRobinOverThreeTargets() {
        List<TestTarget> targets = List.of(harness.target("a"), harness.target("b"), harness.target("c"));
        harness.plane.apply(forwardTo(port, targets));
        harness.awaitHealthy(targets.toArray(TestTarget[]::new));

        Map<String, Long> answeredBy = IntStream.range(0, 30)
                .mapToObj(i -> harness.get(port, "/").getContentAsString().split(" ")[0])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(answeredBy).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10L, "b", 10L, "c", 10L));
    }

    @Test
    void connectionsToATargetAreKeptAliveAcrossRequests() {
        TestTarget target = harness.target("a");
        harness.plane.apply(forwardTo(port, List.of(target)));

        IntStream.range(0, 20).forEach(i -> assertThat(harness.get(port, "/").getStatus()).isEqualTo(200));

        assertThat(target.requests()).isEqualTo(20);
        assertThat(target.connectionsSeen()).isEqualTo(1);
    }

    @Test
    void theTargetSeesAlbsForwardedHeadersAndTheClientsHost() {
        TestTarget target = harness.target("a");
        harness.plane.apply(forwardTo(port, List.of(target)));

        ContentResponse response = harness.send(harness.client.newRequest("http://127.0.0.1:" + port + "/x?y=1")
                .headers(headers -> headers.add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-For", "198.51.100.1")
                        .put("Host", "shop.example")));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("a GET /x?y=1");
        Map<String, List<String>> seen = target.requestHeaders().getLast();
        assertThat(header(seen, "X-Forwarded-For")).containsExactly("203.0.113.7, 198.51.100.1, 127.0.0.1");
        assertThat(header(seen, "X-Forwarded-Proto")).containsExactly("http");
        assertThat(header(seen, "X-Forwarded-Port")).containsExactly(Integer.toString(port));
        assertThat(header(seen, "Host")).containsExactly("shop.example");
        assertThat(header(seen, "X-Amzn-Trace-Id")).singleElement().asString().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(header(seen, "Via")).isEmpty();
    }

    @Test
    void chunkedBodiesPassBothWaysOnAKeptAliveConnection() throws IOException {
        TestTarget target = harness.target("a");
        harness.plane.apply(forwardTo(port, List.of(target)));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (int i = 0; i < 2; i++) {
                out.write(("POST /chunked HTTP/1.1\r\nHost: shop.example\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "6\r\nfirst,\r\n6\r\nsecond\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawResponse response = RawResponse.read(in);

                assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.headers()).containsEntry("transfer-encoding", "chunked");
                assertThat(response.body()).isEqualTo("a POST /chunked first,second");
            }
        }
        assertThat(target.requests()).isEqualTo(2);
    }

    @Test
    void aStickyGroupSetsAlbsCookieAndHonoursIt() {
        List<TestTarget> targets = List.of(harness.target("a"), harness.target("b"), harness.target("c"));
        ElbConfiguration plain = forwardTo(port, targets);
        harness.plane.apply(new ElbConfiguration(plain.loadBalancers(), plain.listeners(), List.of(),
                List.of(ElbFixtures.targetGroup(PlaneHarness.GROUP, ElbFixtures.healthCheck(TestTarget.HEALTH_PATH, 1, 2,
                        2, "200"), Map.of(ElbAttributes.STICKINESS_ENABLED, "true",
                        ElbAttributes.STICKINESS_TYPE, "lb_cookie", ElbAttributes.STICKINESS_COOKIE_DURATION, "120"))),
                plain.targets()));
        harness.awaitHealthy(targets.toArray(TestTarget[]::new));

        ContentResponse first = harness.get(port, "/");
        String cookie = first.getHeaders().get("Set-Cookie");
        String stuckTo = first.getContentAsString().split(" ")[0];

        assertThat(cookie).startsWith("AWSALB=").contains("; Expires=").endsWith("; Path=/");
        assertThat(IntStream.range(0, 6).mapToObj(i -> harness.send(harness.client.newRequest(
                "http://127.0.0.1:" + port + "/").headers(h -> h.put("Cookie", cookie.split(";")[0])))
                .getContentAsString().split(" ")[0])).containsOnly(stuckTo);
    }

    @Test
    void aGroupWithoutTargetsAnswers503AsAlbDoes() {
        harness.plane.apply(forwardTo(port, List.of()));

        ContentResponse response = harness.get(port, "/");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaders().get("Server")).isEqualTo("awselb/2.0");
        assertThat(response.getContentAsString()).contains("<title>503 Service Temporarily Unavailable</title>");
    }

    @Test
    void twoLoadBalancersOnOnePortArePickedByHost() {
        TestTarget first = harness.target("first");
        TestTarget second = harness.target("second");
        var older = loadBalancer("older", ElbFixtures.CREATED, 60);
        var newer = loadBalancer("newer", ElbFixtures.CREATED.plusSeconds(60), 60);
        harness.plane.apply(new ElbConfiguration(List.of(older, newer),
                List.of(listener("older", port, RuleAction.forward(targetGroupArn("one"))),
                        listener("newer", port, RuleAction.forward(targetGroupArn("two")))),
                List.of(), List.of(checkedGroup("one"), checkedGroup("two")),
                List.of(registered("one", first), registered("two", second))));

        assertThat(harness.get(port, "/", newer.dnsName() + ":" + port).getContentAsString()).startsWith("second");
        assertThat(harness.get(port, "/", older.dnsName()).getContentAsString()).startsWith("first");
        assertThat(harness.get(port, "/", "127.0.0.1:" + port).getContentAsString()).startsWith("first");
        assertThat(harness.events.portReports).hasSize(2).allMatch(report -> report.failureReason() == null);
    }

    @Test
    void aPathRuleForwardsToAnotherGroupAndRedirectsAndFixedResponsesAnswerDirectly() {
        TestTarget web = harness.target("web");
        TestTarget api = harness.target("api");
        RuleAction redirect = new RuleAction(RuleAction.REDIRECT, 1, List.of(), null, null,
                new RuleAction.Redirect("HTTPS", "443", null, "/#{path}", null, "HTTP_301"));
        RuleAction fixed = new RuleAction(RuleAction.FIXED_RESPONSE, 1, List.of(), null,
                new RuleAction.FixedResponse("418", "application/json", "{\"tea\":true}"), null);
        harness.plane.apply(new ElbConfiguration(List.of(loadBalancer("lb")),
                List.of(listener("lb", port, RuleAction.forward(targetGroupArn("web")))),
                List.of(rule("lb", port, 10, List.of(condition("path-pattern", "/api/*")),
                                RuleAction.forward(targetGroupArn("api"))),
                        rule("lb", port, 20, List.of(condition("path-pattern", "/old/*")), redirect),
                        rule("lb", port, 30, List.of(condition("http-request-method", "BREW")), fixed)),
                List.of(checkedGroup("web"), checkedGroup("api")),
                List.of(registered("web", web), registered("api", api))));

        assertThat(harness.get(port, "/api/orders").getContentAsString()).isEqualTo("api GET /api/orders");
        assertThat(harness.get(port, "/index.html").getContentAsString()).isEqualTo("web GET /index.html");

        ContentResponse moved = harness.get(port, "/old/page?q=1", "shop.example");
        assertThat(moved.getStatus()).isEqualTo(301);
        assertThat(moved.getHeaders().get("Location")).isEqualTo("https://shop.example:443/old/page?q=1");

        ContentResponse teapot = harness.send(harness.client.newRequest("http://127.0.0.1:" + port + "/")
                .method("BREW"));
        assertThat(teapot.getStatus()).isEqualTo(418);
        assertThat(teapot.getMediaType()).isEqualTo("application/json");
        assertThat(teapot.getContentAsString()).isEqualTo("{\"tea\":true}");
    }
}
