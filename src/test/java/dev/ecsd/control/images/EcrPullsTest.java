package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.channel.RegistryCredentials;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcrPullsTest {
    private final List<String> tokensAsked = new ArrayList<>();
    private final EcrPulls pulls = new EcrPulls("000000000000", () -> "127.0.0.1:4566", region -> {
        tokensAsked.add(region);
        return "token-of-" + region;
    });

    @Test
    void anEcrImageIsPulledFromThisServersRegistryWithATokenOfItsRegion() {
        TaskDefinition definition = definition(
                container("web", "000000000000.dkr.ecr.us-east-1.amazonaws.com/web-app:v2"),
                container("sidecar", "127.0.0.1:4566/us-east-1/tools:1"),
                container("plain", "busybox"));
        assertThat(pulls.anyIn(definition)).isTrue();

        TaskSecrets secrets = pulls.addTo(TaskSecrets.NONE, definition);

        assertThat(secrets.imageLocation("web", "ignored")).isEqualTo("127.0.0.1:4566/us-east-1/web-app:v2");
        assertThat(secrets.imageLocation("sidecar", "ignored")).isEqualTo("127.0.0.1:4566/us-east-1/tools:1");
        assertThat(secrets.imageLocation("plain", "busybox")).as("not ECR's: pulled as named").isEqualTo("busybox");
        assertThat(secrets.registryCredentials("web")).isEqualTo(new RegistryCredentials("AWS", "token-of-us-east-1"));
        assertThat(secrets.registryCredentials("plain")).isNull();
        assertThat(tokensAsked).as("one token per region").containsExactly("us-east-1");
        assertThat(secrets.toString()).doesNotContain("token-of");
    }

    @Test
    void aTaskWithoutEcrImagesIsLeftAsItWas() {
        TaskDefinition definition = definition(container("plain", "busybox"));
        assertThat(pulls.anyIn(definition)).isFalse();
        assertThat(pulls.addTo(TaskSecrets.NONE, definition)).isSameAs(TaskSecrets.NONE);
    }

    @Test
    void aTaskWhoseSecretsFailedKeepsItsFailure() {
        TaskSecrets failed = TaskSecrets.failed("ResourceInitializationError: no such secret");
        TaskDefinition definition = definition(
                container("web", "000000000000.dkr.ecr.us-east-1.amazonaws.com/web-app:v2"));
        assertThat(pulls.addTo(failed, definition)).isSameAs(failed);
    }

    private static ContainerDefinition container(String name, String image) {
        return new ContainerDefinition(name, image, null, null, null, List.of(), true, null, null, List.of(),
                List.of(), List.of(), null, List.of(), null, null, null, null, null, null, null, null, null,
                null, null, List.of(), Map.of());
    }

    private static TaskDefinition definition(ContainerDefinition... containers) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/app:1", "app", 1,
                TaskDefinitionStatus.ACTIVE, List.of(containers), null, null, "awsvpc", List.of(), List.of(), null,
                List.of("FARGATE"), List.of(), "256", "512", null, null, Instant.EPOCH, null, null, null, List.of(),
                Map.of());
    }
}
