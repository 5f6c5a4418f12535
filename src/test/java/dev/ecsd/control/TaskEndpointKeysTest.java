package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.channel.TaskEndpointIds;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.TemporaryCredentials;
import dev.ecsd.secrets.ValueCipher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoint ids are stable for one data key and unguessable without it; credentials are the task role's, for 6 h. */
class TaskEndpointKeysTest {
    private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String OTHER_KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    private static final String ROLE = "arn:aws:iam::000000000000:role/app";
    private static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");

    @Test
    void idsAreTheSameAfterARestartAndDifferUnderAnotherKey() {
        TaskDefinition definition = definition(ROLE);
        TaskEndpointIds ids = new TaskEndpointKeys(ValueCipher.fromBase64(KEY)).ids(task("a", null), definition);
        TaskEndpointIds again = new TaskEndpointKeys(ValueCipher.fromBase64(KEY)).ids(task("a", null), definition);
        TaskEndpointIds otherTask = new TaskEndpointKeys(ValueCipher.fromBase64(KEY)).ids(task("b", null), definition);
        TaskEndpointIds otherKey = new TaskEndpointKeys(ValueCipher.fromBase64(OTHER_KEY)).ids(task("a", null),
                definition);

        assertThat(again).isEqualTo(ids);
        assertThat(ids.credentialsId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(ids.metadataIds()).containsOnlyKeys("web", "sidecar");
        assertThat(ids.metadataId("web")).isNotEqualTo(ids.metadataId("sidecar")).isNotEqualTo(ids.credentialsId());
        assertThat(otherTask.credentialsId()).isNotEqualTo(ids.credentialsId());
        assertThat(otherKey.credentialsId()).isNotEqualTo(ids.credentialsId());
        assertThat(otherKey.metadataId("web")).isNotEqualTo(ids.metadataId("web"));
    }

    @Test
    void aTaskWithoutARoleHasMetadataButNoCredentials() {
        TaskEndpointKeys keys = new TaskEndpointKeys(ValueCipher.fromBase64(KEY));

        assertThat(keys.ids(task("a", null), definition(null)).credentialsId()).isNull();
        assertThat(keys.ids(task("a", null), definition(null)).metadataIds()).hasSize(2);
        assertThat(keys.credentials(task("a", null), definition(null), NOW)).isEmpty();
    }

    @Test
    void credentialsAreTheRolesForSixHoursAndRunTasksOverrideWins() {
        ValueCipher cipher = ValueCipher.fromBase64(KEY);
        TaskEndpointKeys keys = new TaskEndpointKeys(cipher);

        TemporaryCredentials issued = keys.credentials(task("a", null), definition(ROLE), NOW).orElseThrow();
        assertThat(issued.accessKeyId()).startsWith("ASIA");
        assertThat(issued.roleArn()).isEqualTo(ROLE);
        assertThat(issued.expiration()).isEqualTo(NOW.plusSeconds(6 * 3600));
        SessionIssuer.Session session = new SessionIssuer(cipher).open(issued.accessKeyId(), issued.sessionToken())
                .orElseThrow();
        assertThat(session.claims().taskArn()).isEqualTo(task("a", null).taskArn());
        assertThat(session.secretAccessKey()).isEqualTo(issued.secretAccessKey());

        String overridden = "arn:aws:iam::000000000000:role/other";
        assertThat(keys.credentials(task("a", overridden), definition(ROLE), NOW).orElseThrow().roleArn())
                .isEqualTo(overridden);
        Task stopped = task("a", null).toBuilder().lastStatus(TaskStatus.STOPPED)
                .desiredStatus(DesiredStatus.STOPPED).build();
        assertThat(keys.credentials(stopped, definition(ROLE), NOW)).isEmpty();
    }

    private static TaskDefinition definition(String role) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/app:1", "app", 1,
                TaskDefinitionStatus.ACTIVE, List.of(container("web"), container("sidecar")), role, null, "awsvpc",
                List.of(), List.of(), null, List.of("FARGATE"), List.of(), "256", "512", null, null, NOW, null, null,
                null, List.of(), Map.of());
    }

    private static ContainerDefinition container(String name) {
        return new ContainerDefinition(name, "busybox", null, 128, null, List.of(), true, null, null, List.of(),
                List.of(), List.of(), null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), Map.of());
    }

    private static Task task(String id, String roleOverride) {
        return new Task.Builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/" + id)
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/app:1")
                .agentId("local-fargate").launchType("FARGATE").lastStatus(TaskStatus.RUNNING)
                .desiredStatus(DesiredStatus.RUNNING)
                .overrides(roleOverride == null ? null
                        : new TaskOverride(List.of(), null, null, roleOverride, null, Map.of()))
                .createdAt(NOW).build();
    }
}
