package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.server.EcsdServer;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;

/**
 * A listener is a real port: one that cannot be bound is refused at CreateListener, and one taken while the server
 * was down leaves its load balancer active_impaired, saying why, until the port is free again.
 */
class ElbListenerPortIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void aPortTakenWhileTheServerWasDownImpairsTheLoadBalancerUntilItIsFree() throws Exception {
        int port = FreePorts.freePort();
        String loadBalancer;
        try (EcsdServer first = EcsdServer.start(TestServer.configFor(data));
                ElasticLoadBalancingV2Client elb = client(first)) {
            loadBalancer = elb.createLoadBalancer(r -> r.name("port-lb").subnets("subnet-1", "subnet-2"))
                    .loadBalancers().getFirst().loadBalancerArn();
            String group = elb.createTargetGroup(r -> r.name("port-tg").protocol("HTTP").port(8080).targetType("ip")
                    .vpcId("vpc-1")).targetGroups().getFirst().targetGroupArn();
            elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(port)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group)));
            await("the listener answering").atMost(TIMEOUT).ignoreExceptions().until(() -> status(port) == 503);
        }

        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                EcsdServer second = EcsdServer.start(TestServer.configFor(data));
                ElasticLoadBalancingV2Client elb = client(second)) {
            LoadBalancerState impaired = await("the load balancer impaired").atMost(TIMEOUT)
                    .until(() -> state(elb, loadBalancer), s -> "active_impaired".equals(s.codeAsString()));
            assertThat(impaired.reason()).contains(Integer.toString(port));

            squatter.close();
            await("active again once the port is free").atMost(TIMEOUT)
                    .until(() -> state(elb, loadBalancer), s -> "active".equals(s.codeAsString()));
            await("the listener answering again").atMost(TIMEOUT).ignoreExceptions().until(() -> status(port) == 503);
        }
    }

    @Test
    void createListenerRefusesAPortTheServerCannotBind() throws Exception {
        try (TestServer server = TestServer.start(); ElasticLoadBalancingV2Client elb = server.elbv2();
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String loadBalancer = elb.createLoadBalancer(r -> r.name("taken-lb").subnets("subnet-1", "subnet-2"))
                    .loadBalancers().getFirst().loadBalancerArn();

            assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP")
                    .port(taken.getLocalPort()).defaultActions(a -> a.type("fixed-response")
                            .fixedResponseConfig(f -> f.statusCode("200")))))
                    .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("cannot listen on port "
                                + taken.getLocalPort());
                    });
            assertThat(elb.describeListeners(r -> r.loadBalancerArn(loadBalancer)).listeners()).isEmpty();
        }
    }

    private int status(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static LoadBalancerState state(ElasticLoadBalancingV2Client elb, String loadBalancer) {
        return elb.describeLoadBalancers(r -> r.loadBalancerArns(loadBalancer)).loadBalancers().getFirst().state();
    }

    private static ElasticLoadBalancingV2Client client(EcsdServer server) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(server.endpoint())
                .region(Region.of(TestServer.REGION)).credentialsProvider(TestServer.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
