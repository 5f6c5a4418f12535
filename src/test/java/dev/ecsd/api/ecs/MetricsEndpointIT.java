package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.TaskFixtures.awaitTask;
import static dev.ecsd.api.ecs.TaskFixtures.lastStatus;
import static dev.ecsd.api.ecs.TaskFixtures.registerFargate;
import static dev.ecsd.api.ecs.TaskFixtures.runOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.PrometheusScrape;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code GET /metrics} on a real server, over HTTP and unsigned as Prometheus scrapes: the counters move with the
 * SDK calls made between two scrapes, and every sample line is in Prometheus's text format.
 */
class MetricsEndpointIT {
    private static final String CREATE_OK = "ecsd_api_requests_seconds_count{operation=\"CreateCluster\","
            + "outcome=\"success\",region=\"us-east-1\",service=\"ecs\"}";
    private static final String DESCRIBE_FAILED = "ecsd_api_requests_seconds_count{operation=\"DescribeServices\","
            + "outcome=\"client_error\",region=\"us-east-1\",service=\"ecs\"}";
    private static final String NOT_FOUND = "ecsd_api_errors_total{code=\"ClusterNotFoundException\","
            + "operation=\"DescribeServices\",region=\"us-east-1\",service=\"ecs\"}";
    private static final String COMMITS = "ecsd_store_commits_seconds_count{outcome=\"success\",region=\"us-east-1\"}";
    private static final String RUNNING = "ecsd_tasks{region=\"us-east-1\",status=\"RUNNING\"}";

    private final TestServer server = TestServer.start();
    private final EcsClient ecs = server.ecs();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void countersMoveWithTheCallsMadeBetweenTwoScrapes() throws Exception {
        Map<String, Double> before = scrape();

        ecs.createCluster(r -> r.clusterName("metered"));
        assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("missing").services("web")))
                .isInstanceOf(ClusterNotFoundException.class);
        String definition = registerFargate(ecs, "metered");
        Task task = runOne(ecs, "metered", definition);
        awaitTask(ecs, "metered", task.taskArn(), lastStatus("RUNNING"));
        // a service wakes the service controller: a reconcile between the scrapes
        ecs.createService(ServiceRequests.fargateService("metered", "web", definition, 0).build());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> after = scrape();
            assertThat(after.getOrDefault(CREATE_OK, 0.0) - before.getOrDefault(CREATE_OK, 0.0)).isEqualTo(1.0);
            assertThat(after.getOrDefault(DESCRIBE_FAILED, 0.0) - before.getOrDefault(DESCRIBE_FAILED, 0.0))
                    .isEqualTo(1.0);
            assertThat(after.getOrDefault(NOT_FOUND, 0.0) - before.getOrDefault(NOT_FOUND, 0.0)).isEqualTo(1.0);
            assertThat(after.get(COMMITS)).isGreaterThan(before.getOrDefault(COMMITS, 0.0));
            assertThat(after.get(RUNNING)).isGreaterThanOrEqualTo(1.0);
            assertThat(after).containsKey("ecsd_controller_queue_depth{controller=\"services\",region=\"us-east-1\"}");
            assertThat(PrometheusScrape.sum(after, "ecsd_controller_reconciles_seconds_count{")).isGreaterThan(
                    PrometheusScrape.sum(before, "ecsd_controller_reconciles_seconds_count{"));
            assertThat(after.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes{"));
            assertThat(after).containsKey("process_uptime_seconds");
        });
    }

    @Test
    void isServedUnsignedInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE ecsd_tasks gauge");
    }

    private Map<String, Double> scrape() throws Exception {
        return PrometheusScrape.samples(server.endpoint());
    }

    private HttpResponse<String> get() throws Exception {
        return PrometheusScrape.get(server.endpoint());
    }
}
