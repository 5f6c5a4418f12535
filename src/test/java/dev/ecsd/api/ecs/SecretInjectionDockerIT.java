package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Secrets in real containers: a busybox container prints what its definition's secrets gave it, and a service
 * rolled onto a changed secret value gives the new value to its new tasks while a task started before keeps its own.
 */
@RequiresDocker
class SecretInjectionDockerIT {
    private static final String CLUSTER = "secrets-docker";
    private static final List<String> PRINT_AND_WAIT = List.of("sh", "-c",
            "echo DB_PASSWORD=$DB_PASSWORD; echo API_KEY=$API_KEY; echo EXEC=$AWS_EXECUTION_ENV; "
                    + "trap 'exit 0' TERM; sleep 600 & wait");

    @RegisterExtension
    static final DockerServer server = DockerServer.withCluster(CLUSTER);
    private final EcsTasks tasks = server.tasks();

    @AfterEach
    void stopWhatIsLeft() {
        server.ecs().listServices(r -> r.cluster(CLUSTER)).serviceArns()
                .forEach(arn -> server.ecs().deleteService(r -> r.cluster(CLUSTER).service(arn).force(true)));
    }

    @Test
    void containersSeeTheirSecretsAndNewTasksOfAServiceSeeANewValue() {
        String db = server.secretsManager().createSecret(r -> r.name("prod/db")
                .secretString("{\"username\":\"app\",\"password\":\"s3cr3t\"}")).arn();
        server.ssm().putParameter(r -> r.name("/prod/api-key").type(ParameterType.SECURE_STRING).value("abc123"));
        String definition = tasks.register("env-printer", ContainerDefinition.builder().name("main")
                .image(server.busybox()).essential(true).command(PRINT_AND_WAIT)
                .secrets(s -> s.name("DB_PASSWORD").valueFrom(db + ":password::"),
                        s -> s.name("API_KEY").valueFrom("/prod/api-key"))
                .build());

        String early = tasks.run(definition);
        assertThat(awaitOutput(early)).contains("DB_PASSWORD=s3cr3t", "API_KEY=abc123", "EXEC=AWS_ECS_FARGATE");

        server.ecs().createService(fargateService(CLUSTER, "web", definition, 1).build());
        String first = awaitServiceTask(List.of());
        assertThat(awaitOutput(first)).contains("DB_PASSWORD=s3cr3t");

        server.secretsManager().putSecretValue(r -> r.secretId("prod/db").secretString("{\"password\":\"n3w\"}"));
        server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").forceNewDeployment(true));
        String second = awaitServiceTask(List.of(first));

        assertThat(awaitOutput(second)).contains("DB_PASSWORD=n3w", "API_KEY=abc123");
        // the task started before the change still runs with the value it started with
        assertThat(tasks.describe(early).lastStatus()).isEqualTo("RUNNING");
        String earlyContainer = tasks.describe(early).containers().getFirst().runtimeId();
        assertThat(DockerCli.inspect(earlyContainer).path("Config").path("Env").toString())
                .contains("DB_PASSWORD=s3cr3t");
    }

    /** A RUNNING task of the service other than {@code known}. */
    private static String awaitServiceTask(List<String> known) {
        return await("a new running task of the service").atMost(EcsTasks.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                        .filter(t -> "RUNNING".equals(t.lastStatus()) && !known.contains(t.taskArn()))
                        .map(Task::taskArn).findFirst().orElse(null), arn -> arn != null);
    }

    /** What the task's one container printed, once it printed its three lines. */
    private String awaitOutput(String taskArn) {
        String container = tasks.awaitStatus(taskArn, "RUNNING").containers().getFirst().runtimeId();
        return await("the task's output").atMost(EcsTasks.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> DockerCli.logs(container), output -> output.contains("EXEC="));
    }
}
