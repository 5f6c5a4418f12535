package dev.ecsd.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    private final Telemetry telemetry = new Telemetry(java.time.Clock.systemUTC());

    @AfterEach
    void close() {
        telemetry.close();
    }

    @Test
    void countsApiRequestsByOutcomeAndErrorsByCode() {
        ApiMetrics api = telemetry.api();
        api.request("us-east-1", "ecs", "CreateCluster", 200, null, 1_000_000);
        api.request("us-east-1", "ecs", "CreateCluster", 200, null, 3_000_000);
        api.request("us-east-1", "ecs", "DescribeServices", 400, "ClusterNotFoundException", 1_000_000);
        api.request("us-east-1", "ecs", "ListTasks", 500, "ServerException", 1_000_000);

        String scrape = telemetry.scrape();

        assertThat(scrape).contains("ecsd_api_requests_seconds_count{operation=\"CreateCluster\",outcome=\"success\","
                + "region=\"us-east-1\",service=\"ecs\"} 2");
        assertThat(scrape).contains("ecsd_api_requests_seconds_bucket{operation=\"CreateCluster\",outcome=\"success\","
                + "region=\"us-east-1\",service=\"ecs\",le=\"0.001\"} 1");
        assertThat(scrape).contains("ecsd_api_requests_seconds_count{operation=\"DescribeServices\","
                + "outcome=\"client_error\",region=\"us-east-1\",service=\"ecs\"} 1");
        assertThat(scrape).contains("ecsd_api_errors_total{code=\"ClusterNotFoundException\","
                + "operation=\"DescribeServices\",region=\"us-east-1\",service=\"ecs\"} 1");
        assertThat(scrape).contains("ecsd_api_requests_seconds_count{operation=\"ListTasks\",outcome=\"server_error\"");
        assertThat(scrape).doesNotContain("ecsd_api_errors_total{code=\"ClusterNotFoundException\","
                + "operation=\"CreateCluster\"");
    }

    @Test
    void madeUpOperationNamesPastTheBoundAreCountedAsOther() {
        ApiMetrics api = telemetry.api();
        for (int i = 0; i < Telemetry.MAX_API_SERIES + 10; i++) {
            api.request("us-east-1", "ecs", "Op" + i, 200, null, 1_000);
        }

        String scrape = telemetry.scrape();

        assertThat(scrape).contains("operation=\"Op0\"");
        assertThat(scrape).doesNotContain("operation=\"Op" + (Telemetry.MAX_API_SERIES + 5) + "\"");
        assertThat(scrape).contains("ecsd_api_requests_seconds_count{operation=\"other\",outcome=\"success\","
                + "region=\"us-east-1\",service=\"other\"} 10");
    }

    @Test
    void storeEngineControllerAndLogMetricsAreCounted() {
        telemetry.store("us-east-1").committed(3, 2_000_000, true);
        telemetry.store("us-east-1").committed(1, 2_000_000, false);
        telemetry.engine().call("start_container", 50_000_000, true);
        telemetry.engine().call("pull", 50_000_000, false);
        ControllerMetrics controllers = telemetry.controllers("us-east-1");
        AtomicInteger depth = new AtomicInteger(7);
        controllers.queue("services", depth::get);
        controllers.reconciled("services", 1_000_000, true);
        controllers.reconciled("services", 1_000_000, false);
        telemetry.logs("us-east-1").shipped(12);

        String scrape = telemetry.scrape();

        assertThat(scrape).contains("ecsd_store_commits_seconds_count{outcome=\"success\",region=\"us-east-1\"} 1");
        assertThat(scrape).contains("ecsd_store_commits_seconds_count{outcome=\"failure\",region=\"us-east-1\"} 1");
        assertThat(scrape).contains("ecsd_store_commit_transactions_sum{region=\"us-east-1\"} 4");
        assertThat(scrape).contains("ecsd_engine_calls_seconds_count{kind=\"start_container\",outcome=\"success\"} 1");
        assertThat(scrape).contains("ecsd_engine_calls_seconds_count{kind=\"pull\",outcome=\"failure\"} 1");
        assertThat(scrape).contains("ecsd_controller_queue_depth{controller=\"services\",region=\"us-east-1\"} 7");
        assertThat(scrape).contains("ecsd_controller_reconciles_seconds_count{controller=\"services\","
                + "outcome=\"failure\",region=\"us-east-1\"} 1");
        assertThat(scrape).contains("ecsd_log_events_shipped_total{region=\"us-east-1\"} 12");
    }

    @Test
    void tasksByStatusAreAskedForOncePerScrape() {
        AtomicInteger asked = new AtomicInteger();
        telemetry.tasks("us-east-1", List.of("PENDING", "RUNNING", "STOPPED"), () -> {
            asked.incrementAndGet();
            return Map.of("RUNNING", 3L, "STOPPED", 1L);
        });

        String scrape = telemetry.scrape();

        assertThat(scrape).contains("ecsd_tasks{region=\"us-east-1\",status=\"RUNNING\"} 3");
        assertThat(scrape).contains("ecsd_tasks{region=\"us-east-1\",status=\"PENDING\"} 0");
        assertThat(asked).hasValue(1);
    }

    @Test
    void jvmAndProcessMetricsAreThere() {
        assertThat(telemetry.scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads",
                "process_uptime_seconds", "system_cpu_count");
    }
}
