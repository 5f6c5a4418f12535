package dev.ecsd.agent.endpoint;

import static dev.ecsd.agent.endpoint.EndpointFixtures.CREDENTIALS_ID;
import static dev.ecsd.agent.endpoint.EndpointFixtures.ROLE;
import static dev.ecsd.agent.endpoint.EndpointFixtures.TASK_ADDRESS;
import static dev.ecsd.agent.endpoint.EndpointFixtures.TASK_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.TemporaryCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The endpoint's routes: credentials only to the owning task's addresses, metadata by id, ECS's errors. */
class TaskEndpointRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EXPIRATION = Instant.parse("2026-01-01T06:00:00Z");

    private TaskAssignment assignment = EndpointFixtures.assignment(EndpointFixtures.definition("awsvpc"));
    private final List<String> credentialsAskedFor = new ArrayList<>();
    private final List<String> protectionCalls = new ArrayList<>();
    private final TaskEndpointRoutes routes = new TaskEndpointRoutes(new EndpointDirectory() {
        @Override
        public Optional<TaskAssignment> byCredentialsId(String credentialsId) {
            return Optional.of(assignment).filter(a -> credentialsId.equals(a.endpoint().credentialsId()));
        }

        @Override
        public Optional<MetadataOwner> byMetadataId(String metadataId) {
            return assignment.endpoint().metadataIds().entrySet().stream()
                    .filter(e -> e.getValue().equals(metadataId)).map(e -> new MetadataOwner(assignment, e.getKey()))
                    .findFirst();
        }

        @Override
        public Optional<TemporaryCredentials> credentials(String taskArn) {
            credentialsAskedFor.add(taskArn);
            return Optional.of(new TemporaryCredentials("ASIAEXAMPLEEXAMPLE00", "secret", "token", EXPIRATION,
                    new SessionClaims(ROLE, "task", taskArn, EXPIRATION)));
        }

        @Override
        public TaskProtectionState taskProtection(String taskArn, Boolean enabled, Integer expiresInMinutes) {
            protectionCalls.add(taskArn + " " + enabled + " " + expiresInMinutes);
            return enabled == null || enabled ? TaskProtectionState.of(taskArn, EXPIRATION)
                    : TaskProtectionState.of(taskArn, null);
        }

        @Override
        public List<ContainerObservation> containers(String taskArn) {
            return TASK_ARN.equals(taskArn) ? EndpointFixtures.observed() : List.of();
        }

        @Override
        public Optional<String> statsJson(String runtimeId) {
            return Optional.of("{\"id\":\"" + runtimeId + "\"}");
        }
    });

    @Test
    void aTasksContainerReadsAndSetsItsProtectionAtTheAgentUri() throws Exception {
        String uri = "/api/meta-web/task-protection/v1/state";

        TaskEndpointRoutes.Answer read = routes.answer("GET", uri, TASK_ADDRESS, "");
        TaskEndpointRoutes.Answer set = routes.answer("PUT", uri, TASK_ADDRESS,
                "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":60}");
        TaskEndpointRoutes.Answer off = routes.answer("PUT", uri, TASK_ADDRESS, "{\"ProtectionEnabled\":false}");

        assertThat(read.status()).isEqualTo(200);
        JsonNode protection = JSON.readTree(set.body()).path("protection");
        assertThat(protection.path("ProtectionEnabled").asBoolean()).isTrue();
        assertThat(protection.path("ExpirationDate").asText()).isEqualTo("2026-01-01T06:00:00Z");
        assertThat(protection.path("TaskArn").asText()).isEqualTo(TASK_ARN);
        assertThat(JSON.readTree(off.body()).path("protection").path("ProtectionEnabled").asBoolean()).isFalse();
        assertThat(JSON.readTree(off.body()).path("protection").has("ExpirationDate")).isFalse();
        assertThat(protectionCalls).containsExactly(TASK_ARN + " null null", TASK_ARN + " true 60",
                TASK_ARN + " false null");
    }

    @Test
    void protectionRequestsThatAreMalformedOrFromAnotherAddressAreRefused() throws Exception {
        String uri = "/api/meta-web/task-protection/v1/state";

        TaskEndpointRoutes.Answer garbled = routes.answer("PUT", uri, TASK_ADDRESS, "{\"ExpiresInMinutes\":60}");
        TaskEndpointRoutes.Answer tooLong = routes.answer("PUT", uri, TASK_ADDRESS,
                "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":2881}");
        TaskEndpointRoutes.Answer elsewhere = routes.answer("PUT", uri, "172.17.0.10", "{\"ProtectionEnabled\":true}");

        assertThat(garbled.status()).isEqualTo(400);
        assertThat(JSON.readTree(garbled.body()).path("error").path("Code").asText())
                .isEqualTo("InvalidParameterException");
        assertThat(JSON.readTree(garbled.body()).path("error").path("Message").asText())
                .isEqualTo("UpdateTaskProtection: failed to decode request");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(protectionCalls).isEmpty();
    }

    @Test
    void credentialsGoToAnAddressOfTheTask() throws Exception {
        TaskEndpointRoutes.Answer answer = routes.answer("GET", "/v2/credentials/" + CREDENTIALS_ID, TASK_ADDRESS);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("AccessKeyId").asText()).isEqualTo("ASIAEXAMPLEEXAMPLE00");
        assertThat(body.path("SecretAccessKey").asText()).isEqualTo("secret");
        assertThat(body.path("Token").asText()).isEqualTo("token");
        assertThat(body.path("Expiration").asText()).isEqualTo("2026-01-01T06:00:00Z");
        assertThat(body.path("RoleArn").asText()).isEqualTo(ROLE);
        assertThat(credentialsAskedFor).containsExactly(TASK_ARN);
    }

    @Test
    void anotherAddressGetsWhatAnUnknownIdGets() throws Exception {
        TaskEndpointRoutes.Answer leaked = routes.answer("GET", "/v2/credentials/" + CREDENTIALS_ID, "172.17.0.10");
        TaskEndpointRoutes.Answer unknown = routes.answer("GET", "/v2/credentials/nope", TASK_ADDRESS);

        assertThat(leaked).isEqualTo(unknown);
        assertThat(leaked.status()).isEqualTo(400);
        assertThat(JSON.readTree(leaked.body()).path("code").asText()).isEqualTo("InvalidIdInRequest");
        assertThat(JSON.readTree(leaked.body()).path("message").asText())
                .isEqualTo("CredentialsV2Request: Credentials not found");
        assertThat(routes.answer("GET", "/v2/credentials/" + CREDENTIALS_ID, "127.0.0.1").status())
                .as("loopback is not an address of an awsvpc task").isEqualTo(400);
        assertThat(credentialsAskedFor).isEmpty();
    }

    @Test
    void noIdIsAskedFor() throws Exception {
        TaskEndpointRoutes.Answer answer = routes.answer("GET", "/v2/credentials/", TASK_ADDRESS);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("NoIdInRequest");
    }

    @Test
    void aHostModeTaskCallsFromLoopback() {
        assignment = EndpointFixtures.assignment(EndpointFixtures.definition("host"));

        assertThat(routes.answer("GET", "/v2/credentials/" + CREDENTIALS_ID, "127.0.0.1").status()).isEqualTo(200);
        assertThat(routes.answer("GET", "/v2/credentials/" + CREDENTIALS_ID, "172.17.0.10").status()).isEqualTo(400);
    }

    @Test
    void metadataOfTheContainerAndItsTask() throws Exception {
        JsonNode container = JSON.readTree(routes.answer("GET", "/v4/meta-web", "172.17.0.99").body());
        JsonNode task = JSON.readTree(routes.answer("GET", "/v4/meta-sidecar/task", "172.17.0.99").body());
        JsonNode v3 = JSON.readTree(routes.answer("GET", "/v3/meta-web/task", "172.17.0.99").body());

        assertThat(container.path("Name").asText()).isEqualTo("web");
        assertThat(container.path("DockerId").asText()).isEqualTo("docker-web");
        assertThat(task.path("TaskARN").asText()).isEqualTo(TASK_ARN);
        assertThat(task.path("Containers").findValuesAsText("DockerId")).containsExactly("docker-web",
                "docker-sidecar");
        assertThat(v3.path("TaskARN").asText()).isEqualTo(TASK_ARN);
        assertThat(v3.has("LaunchType")).isFalse();
    }

    @Test
    void statsOfTheContainerAndOfTheTask() throws Exception {
        assertThat(JSON.readTree(routes.answer("GET", "/v4/meta-web/stats", null).body()).path("id").asText())
                .isEqualTo("docker-web");
        JsonNode task = JSON.readTree(routes.answer("GET", "/v4/meta-web/task/stats", null).body());
        assertThat(task.path("docker-web").path("id").asText()).isEqualTo("docker-web");
        assertThat(task.path("docker-sidecar").path("id").asText()).isEqualTo("docker-sidecar");
    }

    @Test
    void anUnknownMetadataIdIsNotFound() throws Exception {
        TaskEndpointRoutes.Answer answer = routes.answer("GET", "/v4/unknown/task", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).asText()).startsWith("V4 container metadata handler: ");
        assertThat(routes.answer("GET", "/v1/metadata", null).status()).isEqualTo(404);
        assertThat(routes.answer("POST", "/v4/meta-web", null).status()).isEqualTo(405);
    }
}
