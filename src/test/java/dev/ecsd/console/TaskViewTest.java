package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ContainerOverride;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Secret;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskViewTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final String DEFINITION = "arn:aws:ecs:us-east-1:000000000000:task-definition/web-app:3";

    private static final TaskDefinition WEB_APP = ModelJson.read("""
            {"taskDefinitionArn": "%s", "family": "web-app", "revision": 3, "status": "ACTIVE",
             "containerDefinitions": [{"name": "web", "image": "nginx",
               "environment": [{"name": "MODE", "value": "prod"}, {"name": "PORT", "value": "80"}],
               "secrets": [{"name": "DB_PASSWORD",
                            "valueFrom": "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf"}],
               "logConfiguration": {"logDriver": "awslogs",
                 "options": {"awslogs-group": "/ecs/web-app", "awslogs-stream-prefix": "ecs"}}}]}
            """.formatted(DEFINITION), TaskDefinition.class);

    private static Task task(TaskStatus status, DesiredStatus desired, List<NetworkBinding> bindings) {
        TaskContainer web = new TaskContainer("arn:container", "web", "nginx", "c0ffee", ContainerStatus.RUNNING, null,
                null, bindings, null, true, null, null, null, T0, null, "sha256:abc");
        return new Task.Builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/prod/0123abcd")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/prod").taskDefinitionArn(DEFINITION)
                .group("service:web").launchType("FARGATE").cpu("256").memory("512").createdAt(T0)
                .lastStatus(status).desiredStatus(desired)
                .overrides(new TaskOverride(List.of(new ContainerOverride("web", null,
                        List.of(new KeyValuePair("MODE", "canary"), new KeyValuePair("EXTRA", "1")), null, null, null,
                        Map.of())), null, null, null, null, Map.of()))
                .containers(List.of(web)).build();
    }

    @Test
    void aServicesTaskLinksToItsServiceAndItsRevision() {
        TaskView view = TaskView.of(task(TaskStatus.RUNNING, DesiredStatus.RUNNING, List.of()), WEB_APP, "us-east-1",
                "prod");

        assertThat(view.groupHref()).isEqualTo("/ui/r/us-east-1/clusters/prod/services/web");
        assertThat(view.taskDefinition()).isEqualTo("web-app:3");
        assertThat(view.taskDefinitionHref()).isEqualTo("/ui/r/us-east-1/task-definitions/web-app/3");
        assertThat(view.stoppable()).isTrue();
        assertThat(view.containers()).singleElement().satisfies(c -> {
            assertThat(c.imageDigest()).isEqualTo("sha256:abc");
            assertThat(c.log()).isEqualTo(new TaskLogTail.Source("web", "/ecs/web-app", "ecs/web/0123abcd"));
        });
    }

    @Test
    void portsAreLinksToThePublishedAddress() {
        TaskView view = TaskView.of(task(TaskStatus.RUNNING, DesiredStatus.RUNNING, List.of(
                new NetworkBinding("127.0.0.1", 80, 49153, "tcp"), new NetworkBinding("0.0.0.0", 443, 49154, null),
                new NetworkBinding(null, 8080, null, "tcp"))), WEB_APP, "us-east-1", "prod");

        assertThat(view.containers().getFirst().ports()).extracting(TaskView.PortLink::href)
                .containsExactly("http://127.0.0.1:49153/", "http://127.0.0.1:49154/");
        assertThat(TaskView.link(new NetworkBinding("::1", 80, 8080, "tcp")).href()).isEqualTo("http://[::1]:8080/");
    }

    @Test
    void theEnvironmentIsTheDefinitionsWithRunTasksOverridesAndSecretsShowOnlyWhereTheyComeFrom() {
        TaskView.ContainerView web = TaskView.of(task(TaskStatus.RUNNING, DesiredStatus.RUNNING, List.of()), WEB_APP,
                "us-east-1", "prod").containers().getFirst();

        assertThat(web.environment()).containsExactly(new KeyValuePair("MODE", "canary"),
                new KeyValuePair("PORT", "80"), new KeyValuePair("EXTRA", "1"));
        assertThat(web.secrets()).containsExactly(new Secret("DB_PASSWORD",
                "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf"));
    }

    @Test
    void aStoppedTaskSaysWhyAndCannotBeStoppedAgain() {
        Task stopped = task(TaskStatus.STOPPED, DesiredStatus.STOPPED, List.of()).toBuilder()
                .stopCode(TaskStopCode.EssentialContainerExited).stoppedReason("Essential container in task exited")
                .stoppedAt(T0.plusSeconds(30)).build();

        TaskView view = TaskView.of(stopped, null, "us-east-1", "prod");

        assertThat(view.stopped()).isTrue();
        assertThat(view.stoppable()).isFalse();
        assertThat(view.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(view.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(view.containers().getFirst().log()).as("no definition, no log source").isNull();
    }
}
