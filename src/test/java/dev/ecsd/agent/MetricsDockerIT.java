package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.PrometheusScrape;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** {@code /metrics} of a server on a real Docker Engine: its engine calls by kind and the log events it shipped. */
@RequiresDocker
class MetricsDockerIT {
    private static final String CLUSTER = "metrics-docker-it";
    private static final String STARTS =
            "ecsd_engine_calls_seconds_count{kind=\"start_container\",outcome=\"success\"}";
    private static final String CREATES =
            "ecsd_engine_calls_seconds_count{kind=\"create_container\",outcome=\"success\"}";
    private static final String SHIPPED = "ecsd_log_events_shipped_total{region=\"us-east-1\"}";

    private final TestServer server = TestServer.startWithDocker();
    private final String instanceId = DockerCli.instanceIdOf(server.dataDirectory());

    @AfterEach
    void stop() {
        try {
            server.close();
        } finally {
            DockerCli.removeEverythingOf(instanceId);
        }
    }

    @Test
    void engineCallsAndShippedLogEventsAreCounted() throws Exception {
        String image = TestImages.busybox((DockerRuntime) server.server().runtime());
        server.ecs().createCluster(b -> b.clusterName(CLUSTER));
        EcsTasks tasks = new EcsTasks(server.ecs(), CLUSTER);
        Map<String, Double> before = PrometheusScrape.samples(server.endpoint());

        String definition = tasks.register("echo", ContainerDefinition.builder().name("main").image(image)
                .essential(true).command(List.of("sh", "-c", "echo one; echo two"))
                .logConfiguration(EcsTasks.awslogs("/ecs/metrics-it", "ecs", true)).build());
        tasks.awaitStatus(tasks.run(definition), "STOPPED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> after = PrometheusScrape.samples(server.endpoint());
            assertThat(after.getOrDefault(STARTS, 0.0)).isGreaterThan(before.getOrDefault(STARTS, 0.0));
            assertThat(after.getOrDefault(CREATES, 0.0)).isGreaterThan(before.getOrDefault(CREATES, 0.0));
            assertThat(after.getOrDefault(SHIPPED, 0.0) - before.getOrDefault(SHIPPED, 0.0)).isEqualTo(2.0);
            assertThat(after.keySet()).noneMatch(name -> name.startsWith("ecsd_engine_calls")
                    && name.contains("kind=\"other\""));
        });
    }
}
