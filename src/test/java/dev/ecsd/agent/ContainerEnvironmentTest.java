package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.channel.TaskEndpointIds;
import dev.ecsd.channel.TaskSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables the agent adds: the task endpoint's, as ECS names them, then the container's secrets. */
class ContainerEnvironmentTest {
    private static final TaskEndpointIds IDS = new TaskEndpointIds("cred-id", Map.of("web", "meta-web"));

    @Test
    void aBridgedOrAwsvpcContainerCallsTheLinkLocalAddress() {
        ContainerEnvironment environment = new ContainerEnvironment(
                new TaskSecrets(Map.of("web", Map.of("DB_PASSWORD", "s3cr3t")), null), IDS, "awsvpc", 51679);

        assertThat(environment.of("web")).containsExactly(
                Map.entry("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/cred-id"),
                Map.entry("ECS_CONTAINER_METADATA_URI", "http://169.254.170.2/v3/meta-web"),
                Map.entry("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/meta-web"),
                Map.entry("ECS_AGENT_URI", "http://169.254.170.2/api/meta-web"),
                Map.entry("DB_PASSWORD", "s3cr3t"));
        assertThat(environment.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aHostNetworkedContainerCallsTheListenerItself() {
        ContainerEnvironment environment = new ContainerEnvironment(TaskSecrets.NONE, IDS, "host", 40123);

        assertThat(environment.of("web"))
                .containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:40123/v2/credentials/cred-id")
                .containsEntry("ECS_CONTAINER_METADATA_URI_V4", "http://127.0.0.1:40123/v4/meta-web")
                .doesNotContainKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    }

    @Test
    void withoutARoleOrWithoutAnEndpoint() {
        TaskEndpointIds noRole = new TaskEndpointIds(null, Map.of("web", "meta-web"));

        assertThat(new ContainerEnvironment(TaskSecrets.NONE, noRole, "awsvpc", 51679).of("web"))
                .doesNotContainKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .containsKey("ECS_CONTAINER_METADATA_URI_V4");
        assertThat(new ContainerEnvironment(TaskSecrets.NONE, IDS, "awsvpc", -1).of("web")).isEmpty();
    }
}
