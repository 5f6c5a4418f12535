package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.SharedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A secret's value is never in a console page: the task page and the revision page show where each secret comes
 * from, and the environment's plain values as ECS's console does, but not the value a container is given.
 */
class ConsoleSecretsIT {
    private static final String PASSWORD = "s3cr3t-Pa55word-in-ssm";

    @RegisterExtension
    static final SharedServer SERVER = SharedServer.simulated();

    @Test
    void theTaskAndRevisionPagesShowWhereASecretComesFromNeverItsValue() throws Exception {
        SERVER.ssm().putParameter(r -> r.name("/console/db-password").type(ParameterType.SECURE_STRING)
                .value(PASSWORD));
        String parameterArn = "arn:aws:ssm:us-east-1:000000000000:parameter/console/db-password";
        SERVER.ecs().createCluster(b -> b.clusterName("console-secrets"));
        EcsTasks tasks = new EcsTasks(SERVER.ecs(), "console-secrets");
        String definition = tasks.register("console-secrets", ContainerDefinition.builder()
                .name("app").image("busybox").essential(true)
                .environment(KeyValuePair.builder().name("MODE").value("plain-mode-value").build())
                .secrets(Secret.builder().name("DB_PASSWORD").valueFrom(parameterArn).build()).build());
        String arn = tasks.run(definition);
        tasks.awaitStatus(arn, "RUNNING");

        String taskPage = get(ConsolePaths.task("us-east-1", "console-secrets", EcsTasks.taskId(arn)));
        String revisionPage = get(ConsolePaths.revision("us-east-1", "console-secrets", 1));

        assertThat(taskPage).contains("DB_PASSWORD").contains(parameterArn).contains("plain-mode-value")
                .doesNotContain(PASSWORD);
        assertThat(revisionPage).contains(parameterArn).doesNotContain(PASSWORD);
    }

    private static String get(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(SERVER.endpoint() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        }
    }
}
