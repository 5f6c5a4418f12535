package dev.ecsd.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Records exactly as release 16723e1 stored them (written by that release's code, kept as files): flat, with maps
 * where there are typed records now, a task's {@code networkRuntimeId} and its {@code pending}/{@code stopped} flags.
 * A data directory of that release must load, and the records must say what they said then.
 */
class StoredByEarlierReleasesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");

    @Test
    void aServiceStoredFlatLoadsWithEveryMember() throws IOException {
        Service service = ModelJson.read(resource("service-as-stored-by-16723e1.json"), Service.class);

        assertThat(service.serviceName()).isEqualTo("web");
        assertThat(service.status()).isEqualTo(ServiceStatus.ACTIVE);
        assertThat(service.desiredCount()).isEqualTo(3);
        assertThat(service.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-1");
        assertThat(service.networkConfiguration().awsvpcConfiguration().assignPublicIp()).isEqualTo("DISABLED");
        assertThat(service.deploymentConfiguration().circuitBreakerOptions())
                .isEqualTo(new CircuitBreakerOptions(false, new CircuitBreakerOptions.ThresholdConfiguration("COUNT", 2)));
        assertThat(service.loadBalancers()).containsExactly(new LoadBalancer("arn:tg/web", null, "web", 8080));
        assertThat(service.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("ecs-svc/1");
            assertThat(d.failedTasks()).isEqualTo(1);
            assertThat(d.networkConfiguration()).isEqualTo(service.networkConfiguration());
        });
        assertThat(service.events()).extracting(ServiceEvent::message).containsExactly("(service web) has started 3 tasks.");
        assertThat(service.lastCompletedDeployment().id()).isEqualTo("ecs-svc/1");
        assertThat(service.consecutiveStartFailures()).isEqualTo(2);
        assertThat(service.throttledUntil()).isEqualTo(T0.plusSeconds(15));
        assertThat(service.accountedTasks()).containsExactly("started:arn:task/1");
        assertThat(service.raisedWarnings()).containsExactly("throttled");
        assertThat(service.createdAt()).isEqualTo(T0);
        assertThat(ModelJson.read(ModelJson.write(service), Service.class)).as("and writes back in parts").isEqualTo(service);
    }

    @Test
    void aTaskStoredFlatLoadsWithEveryMember() throws IOException {
        Task task = ModelJson.read(resource("task-as-stored-by-16723e1.json"), Task.class);

        assertThat(task.version()).isEqualTo(41);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(task.group()).isEqualTo("service:web");
        assertThat(task.startedBy()).isEqualTo("ecs-svc/1");
        assertThat(task.networkConfiguration().firstSubnet()).isEqualTo("subnet-1");
        assertThat(task.containers()).singleElement().satisfies(c -> {
            assertThat(c.runtimeId()).isEqualTo("engine-id");
            assertThat(c.startedAt()).isEqualTo(T0);
            assertThat(c.networkBindings()).extracting(NetworkBinding::hostPort).containsExactly(32768);
        });
        assertThat(task.attachments()).extracting(Attachment::status).containsExactly("ATTACHED");
        assertThat(task.pullStoppedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(task.startedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(ModelJson.read(ModelJson.write(task), Task.class)).as("and writes back in parts").isEqualTo(task);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StoredByEarlierReleasesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
