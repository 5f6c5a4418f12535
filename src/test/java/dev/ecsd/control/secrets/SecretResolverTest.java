package dev.ecsd.control.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.channel.RegistryCredentials;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.LogConfiguration;
import dev.ecsd.model.Secret;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.model.ssm.ParameterVersion;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretResolverTest {
    private static final String PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";
    private static final String DB = PREFIX + "prod/db-AbCdEf";
    private static final String SSM = "arn:aws:ssm:us-east-1:000000000000:parameter";
    private final ValueCipher cipher = ValueCipher.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    private final StateStore store = StateStore.open(new MemoryBackend(), InstantSource.system());

    SecretResolverTest() {
        store.write(tx -> {
            tx.put(Kind.SECRET, secret(DB, "prod/db",
                    version(DB, "v1", List.of(SecretVersion.PREVIOUS), "{\"username\":\"app\",\"password\":\"old\"}"),
                    version(DB, "v2", List.of(SecretVersion.CURRENT), "{\"username\":\"app\",\"password\":\"s3cr3t\","
                            + "\"port\":5432,\"nested\":{\"a\":1}}"),
                    version(DB, "v3", List.of(SecretVersion.PENDING), "not json")));
            tx.put(Kind.SECRET, secret(PREFIX + "plain-XyZ123", "plain", version(PREFIX + "plain-XyZ123", "p1", List.of(SecretVersion.CURRENT),
                    "just text")));
            tx.put(Kind.SECRET, secret(PREFIX + "gone-QwErTy", "gone", version(PREFIX + "gone-QwErTy", "g1", List.of(SecretVersion.CURRENT),
                    "bye")).scheduledForDeletion(Instant.EPOCH, Instant.EPOCH.plusSeconds(86400)));
            tx.put(Kind.SSM_PARAMETER, parameter("/prod/api-key",
                    parameterVersion(1, ParameterVersion.SECURE_STRING, "first", List.of("stable")),
                    parameterVersion(2, ParameterVersion.SECURE_STRING, "abc123", List.of())));
            tx.put(Kind.SSM_PARAMETER, parameter("/prod/hosts",
                    parameterVersion(1, ParameterVersion.STRING_LIST, "a,b,c", List.of())));
            tx.put(Kind.SSM_PARAMETER, parameter("top", parameterVersion(1, ParameterVersion.STRING, "level", List.of())));
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aJsonKeyOfTheCurrentVersionByFullArn() {
        assertThat(env(DB + ":password::")).isEqualTo("s3cr3t");
        assertThat(env(DB + ":port::")).isEqualTo("5432");
        assertThat(env(DB + ":nested::")).isEqualTo("{\"a\":1}");
    }

    @Test
    void theWholeSecretStringByFullOrPartialArn() {
        assertThat(env(PREFIX + "plain-XyZ123")).isEqualTo("just text");
        assertThat(env(PREFIX + "plain")).isEqualTo("just text");
        assertThat(env(PREFIX + "prod/db:password::")).isEqualTo("s3cr3t");
    }

    @Test
    void aVersionStageOrAVersionIdSelectsTheVersion() {
        assertThat(env(DB + ":password:AWSPREVIOUS:")).isEqualTo("old");
        assertThat(env(DB + ":password::v1")).isEqualTo("old");
        assertThat(env(DB + "::AWSPENDING:")).isEqualTo("not json");
    }

    @Test
    void aMissingSecretKeyOrVersionFailsNamingTheSecretAndTheCause() {
        assertThat(failure(PREFIX + "nope-AAAAAA")).isEqualTo(SecretResolver.REASON_PREFIX
                + "unable to retrieve secret from asm: failed to fetch secret " + PREFIX + "nope-AAAAAA from secrets "
                + "manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        assertThat(failure(DB + ":pass::")).endsWith("did not contain json key pass");
        assertThat(failure(DB + ":password::v9")).contains(DB).contains("VersionId: v9");
        assertThat(failure(DB + ":password:AWSPREVIOUS:v2")).contains("VersionId: v2");
        assertThat(failure(DB + ":password:AWSPENDING:")).contains(DB).doesNotContain("not json");
    }

    @Test
    void aSecretScheduledForDeletionCannotBeUsed() {
        assertThat(failure(PREFIX + "gone-QwErTy")).contains("InvalidRequestException").contains("marked for deletion")
                .doesNotContain("bye");
    }

    @Test
    void parametersByNameOrArnWithVersionsAndLabels() {
        assertThat(env("/prod/api-key")).isEqualTo("abc123");
        assertThat(env(SSM + "/prod/api-key")).isEqualTo("abc123");
        assertThat(env("/prod/api-key:1")).isEqualTo("first");
        assertThat(env(SSM + "/prod/api-key:1")).isEqualTo("first");
        assertThat(env("/prod/api-key:stable")).isEqualTo("first");
        assertThat(env("top")).isEqualTo("level");
        assertThat(env(SSM + "/top")).isEqualTo("level");
    }

    @Test
    void aStringListIsPassedAsTheCommaSeparatedString() {
        assertThat(env("/prod/hosts")).isEqualTo("a,b,c");
    }

    @Test
    void aMissingParameterOrVersionFailsNamingIt() {
        assertThat(failure("/prod/none")).isEqualTo(SecretResolver.REASON_PREFIX
                + "unable to retrieve secrets from ssm: invalid ssm parameters: /prod/none");
        assertThat(failure("/prod/api-key:7")).endsWith("invalid ssm parameters: /prod/api-key:7");
    }

    @Test
    void eachContainerGetsOnlyItsOwnSecretsAndTheDescriptionHidesValues() {
        TaskSecrets secrets = SecretResolver.resolve(store.snapshot(), cipher, definition(
                container("web", new Secret("DB_PASSWORD", DB + ":password::"), new Secret("API_KEY", "/prod/api-key")),
                container("side", new Secret("HOSTS", "/prod/hosts")), container("none")));

        assertThat(secrets.failed()).isFalse();
        assertThat(secrets.environment("web")).containsExactlyInAnyOrderEntriesOf(
                Map.of("DB_PASSWORD", "s3cr3t", "API_KEY", "abc123"));
        assertThat(secrets.environment("side")).containsExactly(Map.entry("HOSTS", "a,b,c"));
        assertThat(secrets.environment("none")).isEmpty();
        assertThat(secrets.toString()).contains("DB_PASSWORD").doesNotContain("s3cr3t").doesNotContain("abc123");
    }

    @Test
    void repositoryCredentialsByArnPartialArnOrNameAreTheSecretsUsernameAndPassword() {
        for (String parameter : List.of(DB, PREFIX + "prod/db", "prod/db")) {
            TaskSecrets secrets = SecretResolver.resolve(store.snapshot(), cipher, definition(
                    withRepositoryCredentials(container("app"), parameter), container("side")));
            assertThat(secrets.failure()).as(parameter).isNull();
            assertThat(secrets.registryCredentials("app")).isEqualTo(new RegistryCredentials("app", "s3cr3t"));
            assertThat(secrets.registryCredentials("side")).isNull();
            assertThat(secrets.toString()).doesNotContain("s3cr3t");
        }
        assertThat(SecretResolver.hasSecrets(definition(withRepositoryCredentials(container("app"), "prod/db"))))
                .isTrue();
        assertThat(SecretResolver.hasSecrets(definition(container("app")))).isFalse();
    }

    @Test
    void repositoryCredentialsThatAreMissingOrNotAUserAndPasswordFailTheTask() {
        TaskSecrets missing = SecretResolver.resolve(store.snapshot(), cipher,
                definition(withRepositoryCredentials(container("app"), "registry/none")));
        assertThat(missing.failure()).isEqualTo(SecretResolver.REASON_PREFIX + "unable to retrieve secret from asm: "
                + "failed to fetch secret registry/none from secrets manager: ResourceNotFoundException: Secrets "
                + "Manager can't find the specified secret.");
        TaskSecrets text = SecretResolver.resolve(store.snapshot(), cipher,
                definition(withRepositoryCredentials(container("app"), "plain")));
        assertThat(text.failure()).contains(PREFIX + "plain-XyZ123").contains("repository credentials")
                .doesNotContain("just text");
    }

    @Test
    void aMissingLogSecretOptionFailsTheTaskAndAPresentOneSetsNoVariable() {
        ContainerDefinition present = withSecretOption(container("app"), "/prod/api-key");
        TaskSecrets resolved = SecretResolver.resolve(store.snapshot(), cipher, definition(present));
        assertThat(resolved.failure()).isNull();
        assertThat(resolved.environment("app")).isEmpty();
        assertThat(SecretResolver.hasSecrets(definition(present))).isTrue();
        assertThat(SecretResolver.resolve(store.snapshot(), cipher,
                definition(withSecretOption(container("app"), "/prod/splunk-token"))).failure())
                .endsWith("invalid ssm parameters: /prod/splunk-token");
    }

    private static ContainerDefinition withRepositoryCredentials(ContainerDefinition container, String parameter) {
        return container(container.name(), null,
                Map.of("repositoryCredentials", Map.of("credentialsParameter", parameter)));
    }

    private static ContainerDefinition withSecretOption(ContainerDefinition container, String valueFrom) {
        return container(container.name(), new LogConfiguration("splunk", Map.of(),
                List.of(new Secret("splunk-token", valueFrom))), Map.of());
    }

    private String env(String valueFrom) {
        TaskSecrets secrets = resolve(valueFrom);
        assertThat(secrets.failure()).isNull();
        return secrets.environment("app").get("VALUE");
    }

    private String failure(String valueFrom) {
        TaskSecrets secrets = resolve(valueFrom);
        assertThat(secrets.failed()).isTrue();
        assertThat(secrets.environments()).isEmpty();
        return secrets.failure();
    }

    private TaskSecrets resolve(String valueFrom) {
        return SecretResolver.resolve(store.snapshot(), cipher,
                definition(container("app", new Secret("VALUE", valueFrom))));
    }

    private dev.ecsd.model.secrets.Secret secret(String arn, String name, SecretVersion... versions) {
        return new dev.ecsd.model.secrets.Secret(arn, name, null, null, Map.of(), Instant.EPOCH, Instant.EPOCH, null,
                null, null, List.of(versions));
    }

    private SecretVersion version(String arn, String id, List<String> stages, String value) {
        return new SecretVersion(id, stages, Instant.EPOCH, cipher.seal(value,
                dev.ecsd.model.secrets.Secret.sealingOwner(arn, id)), false, null);
    }

    /** A parameter whose SecureString versions are sealed as SSM seals them; versions are (number, type, value). */
    private Parameter parameter(String name, ParameterVersion... versions) {
        String arn = SSM + (name.startsWith("/") ? name : "/" + name);
        List<ParameterVersion> sealed = List.of(versions).stream().map(v -> !v.secure() ? v
                : new ParameterVersion(v.version(), v.type(), cipher.seal(v.value(),
                        Parameter.sealingOwner(arn, v.version())), null, null, null, "Standard", "text", v.labels(),
                        Instant.EPOCH, null)).toList();
        return new Parameter(name, arn, Map.of(), sealed);
    }

    private static ParameterVersion parameterVersion(long number, String type, String value, List<String> labels) {
        return new ParameterVersion(number, type, value, null, null, null, "Standard", "text", labels, Instant.EPOCH,
                null);
    }

    private static ContainerDefinition container(String name, Secret... secrets) {
        return new ContainerDefinition(name, "busybox", null, null, null, List.of(), true, null, null, List.of(),
                List.of(), List.of(), null, List.of(secrets), null, null, null, null, null, null, null, null, null,
                null, null, List.of(), Map.of());
    }

    private static ContainerDefinition container(String name, LogConfiguration logging, Map<String, Object> more) {
        return new ContainerDefinition(name, "busybox", null, null, null, List.of(), true, null, null, List.of(),
                List.of(), List.of(), null, List.of(), null, null, null, null, null, null, null, null, null,
                logging, null, List.of(), more);
    }

    private static TaskDefinition definition(ContainerDefinition... containers) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/app:1", "app", 1,
                TaskDefinitionStatus.ACTIVE, List.of(containers), null, null, "awsvpc", List.of(), List.of(), null,
                List.of("FARGATE"), List.of(), "256", "512", null, null, Instant.EPOCH, null, null, null, List.of(),
                Map.of());
    }
}
