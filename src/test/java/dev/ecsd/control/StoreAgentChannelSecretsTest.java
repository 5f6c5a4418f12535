package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.Secret;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The channel resolves a task's secrets once: a task keeps what it was first handed, a later task sees a new value. */
class StoreAgentChannelSecretsTest {
    private static final String AGENT = "local-fargate";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-AbCdEf";
    private static final String DEFINITION_ARN = "arn:aws:ecs:us-east-1:000000000000:task-definition/app:1";
    private final ValueCipher cipher = ValueCipher.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    private final StateStore store = StateStore.open(new MemoryBackend(), InstantSource.system());
    private final StoreAgentChannel channel = new StoreAgentChannel(store, usage -> { }, cipher);
    private final List<TaskAssignment> pushed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aTaskKeepsTheValuesItWasFirstHandedAndALaterTaskSeesTheNewOne() {
        store.write(tx -> {
            tx.put(Kind.TASK_DEFINITION, definition());
            tx.put(Kind.SECRET, secret("v1", "old"));
            return tx.put(Kind.TASK, task("one"));
        });
        List<TaskAssignment> initial = channel.connect(AGENT, pushed::add);
        assertThat(initial).singleElement()
                .satisfies(a -> assertThat(a.secrets().environment("app")).containsEntry("DB_PASSWORD", "old"));

        store.write(tx -> tx.put(Kind.SECRET, secret("v2", "new")));
        store.write(tx -> tx.put(Kind.TASK, tx.find(Kind.TASK, arn("one")).orElseThrow().toBuilder()
                .lastStatus(TaskStatus.PENDING).build()));
        store.write(tx -> tx.put(Kind.TASK, task("two")));

        assertThat(last(arn("one")).secrets().environment("app")).containsEntry("DB_PASSWORD", "old");
        assertThat(last(arn("two")).secrets().environment("app")).containsEntry("DB_PASSWORD", "new");

        // a stopped task's values are forgotten
        store.write(tx -> tx.put(Kind.TASK, tx.find(Kind.TASK, arn("one")).orElseThrow().toBuilder()
                .desiredStatus(DesiredStatus.STOPPED).lastStatus(TaskStatus.STOPPED)
                .stopCode(TaskStopCode.UserInitiated).build()));
        assertThat(last(arn("one")).secrets().environments()).isEmpty();
    }

    private TaskAssignment last(String taskArn) {
        return pushed.stream().filter(a -> a.taskArn().equals(taskArn)).reduce((a, b) -> b).orElseThrow();
    }

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:000000000000:task/c/" + id;
    }

    private static Task task(String id) {
        return new Task.Builder().taskArn(arn(id)).clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn(DEFINITION_ARN).agentId(AGENT).launchType("FARGATE")
                .lastStatus(TaskStatus.PROVISIONING).desiredStatus(DesiredStatus.RUNNING)
                .overrides(TaskOverride.none()).createdAt(Instant.EPOCH).build();
    }

    private dev.ecsd.model.secrets.Secret secret(String versionId, String password) {
        SecretVersion version = new SecretVersion(versionId, List.of(SecretVersion.CURRENT), Instant.EPOCH,
                cipher.seal("{\"password\":\"" + password + "\"}",
                        dev.ecsd.model.secrets.Secret.sealingOwner(SECRET_ARN, versionId)), false, null);
        return new dev.ecsd.model.secrets.Secret(SECRET_ARN, "prod/db", null, null, Map.of(), Instant.EPOCH,
                Instant.EPOCH, null, null, null, List.of(version));
    }

    private static TaskDefinition definition() {
        ContainerDefinition app = new ContainerDefinition("app", "busybox", null, null, null, List.of(), true, null,
                null, List.of(), List.of(), List.of(), null,
                List.of(new Secret("DB_PASSWORD", SECRET_ARN + ":password::")), null, null, null, null, null, null,
                null, null, null, null, null, List.of(), Map.of());
        return new TaskDefinition(DEFINITION_ARN, "app", 1, TaskDefinitionStatus.ACTIVE, List.of(app), null,
                "arn:aws:iam::000000000000:role/exec", "awsvpc", List.of(), List.of(), null, List.of("FARGATE"),
                List.of(), "256", "512", null, null, Instant.EPOCH, null, null, null, List.of(), Map.of());
    }
}
