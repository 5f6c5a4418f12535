package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;

/** Acknowledged metric data survives the server being killed with SIGKILL: it is in metrics.db's WAL. */
class CloudWatchMetricsRestartIT {

    @Test
    void acknowledgedDataSurvivesKill9() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            try (CloudWatchClient cloudWatch = client(process)) {
                for (int i = 1; i <= 50; i++) {
                    double value = i;
                    cloudWatch.putMetricData(r -> r.namespace("Durable").metricData(d -> d.metricName("Hits")
                            .timestamp(minute.plusSeconds((long) value)).value(value)));
                }
            }
            process.kill9();
            process.restart();
            try (CloudWatchClient cloudWatch = client(process)) {
                List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("Durable").metricName("Hits")
                        .startTime(minute).endTime(minute.plusSeconds(120)).period(60)
                        .statisticsWithStrings("SampleCount", "Sum")).datapoints();

                assertThat(points).singleElement().satisfies(point -> {
                    assertThat(point.sampleCount()).isEqualTo(50.0);
                    assertThat(point.sum()).isEqualTo(50 * 51 / 2.0);
                });
                assertThat(cloudWatch.listMetrics(r -> r.namespace("Durable")).metrics()).hasSize(1);
            }
        }
    }

    private static CloudWatchClient client(ServerProcess process) {
        return CloudWatchClient.builder().endpointOverride(process.endpoint()).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
