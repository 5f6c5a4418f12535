package dev.ecsd.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task is stored in its spec and state parts and read back equal.
 * Records stored flat by earlier releases are loaded in {@link StoredByEarlierReleasesTest}.
 */
class TaskJsonTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.456Z");

    @Test
    void aTaskIsStoredInItsPartsAndReadBackEqual() {
        Task task = task();
        JsonNode json = ModelJson.tree(task);
        assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("taskArn", "clusterArn", "version", "createdAt", "spec", "state");
        assertThat(json.get("spec").get("group").asText()).isEqualTo("service:web");
        assertThat(json.get("state").get("lastStatus").asText()).isEqualTo("RUNNING");
        assertThat(ModelJson.read(ModelJson.write(task), Task.class)).isEqualTo(task);
    }

    private static Task task() {
        return new Task.Builder()
                .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn("arn:td/web:1")
                .agentId("local-fargate")
                .capacityProviderName("FARGATE")
                .launchType("FARGATE")
                .group("service:web")
                .startedBy("ecs-svc/1")
                .tags(List.of(new Tag("k", "v")))
                .overrides(TaskOverride.none())
                .cpu("256")
                .memory("512")
                .networkConfiguration(new NetworkConfiguration(
                        new NetworkConfiguration.AwsVpcConfiguration(List.of("subnet-1"), null, null)))
                .lastStatus(TaskStatus.RUNNING)
                .desiredStatus(DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.HEALTHY)
                .containers(List.of(new TaskContainer("arn:container/web", "web", "busybox", "engine-id",
                        ContainerStatus.RUNNING, null, null, List.of(new NetworkBinding("127.0.0.1", 80, 32768, "tcp")),
                        HealthStatus.HEALTHY, true, "0", null, null, T0, null)))
                .attachments(List.of())
                .createdAt(T0)
                .startedAt(T0.plusSeconds(2))
                .version(41)
                .build();
    }
}
