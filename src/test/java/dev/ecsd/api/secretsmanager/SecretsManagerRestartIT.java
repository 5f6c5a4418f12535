package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.server.EcsdServer;
import dev.ecsd.server.ServerConfig;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;

/**
 * Acknowledged secrets survive SIGKILL: every version with its labels, deletion schedules, and values that still open
 * under the data directory's key, or under the one given with --secrets-key.
 */
class SecretsManagerRestartIT {

    @Test
    void versionsStagesAndDeletionSchedulesComeBackAfterKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            String first;
            String second;
            String pending;
            Map<String, List<String>> stages;
            Instant deletionDate;
            String arn;
            try (SecretsManagerClient secrets = process.secretsManager()) {
                arn = secrets.createSecret(r -> r.name("prod/db").secretString("one")).arn();
                first = secrets.describeSecret(r -> r.secretId("prod/db")).versionIdsToStages().keySet().iterator()
                        .next();
                second = secrets.putSecretValue(r -> r.secretId("prod/db").secretString("two")).versionId();
                pending = secrets.putSecretValue(r -> r.secretId("prod/db").secretString("three")
                        .versionStages("AWSPENDING")).versionId();
                secrets.createSecret(r -> r.name("bin").secretBinary(SdkBytes.fromByteArray(new byte[] {7, 0, 7})));
                secrets.createSecret(r -> r.name("doomed").secretString("bye"));
                deletionDate = secrets.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(9L))
                        .deletionDate();
                stages = secrets.describeSecret(r -> r.secretId("prod/db")).versionIdsToStages();
            }

            process.kill9();
            process.restart();

            try (SecretsManagerClient secrets = process.secretsManager()) {
                DescribeSecretResponse described = secrets.describeSecret(r -> r.secretId("prod/db"));
                assertThat(described.arn()).isEqualTo(arn);
                assertThat(described.versionIdsToStages()).isEqualTo(stages)
                        .containsEntry(first, List.of("AWSPREVIOUS"))
                        .containsEntry(second, List.of("AWSCURRENT"))
                        .containsEntry(pending, List.of("AWSPENDING"));
                assertThat(secrets.getSecretValue(r -> r.secretId("prod/db")).secretString()).isEqualTo("two");
                assertThat(secrets.getSecretValue(r -> r.secretId("prod/db").versionId(first)).secretString())
                        .isEqualTo("one");
                assertThat(secrets.getSecretValue(r -> r.secretId(arn).versionStage("AWSPENDING")).secretString())
                        .isEqualTo("three");
                assertThat(secrets.getSecretValue(r -> r.secretId("bin")).secretBinary().asByteArray())
                        .containsExactly(7, 0, 7);
                DescribeSecretResponse doomed = secrets.describeSecret(r -> r.secretId("doomed"));
                assertThat(doomed.deletedDate()).isEqualTo(deletionDate.minus(java.time.Duration.ofDays(9)));
                assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("doomed")))
                        .isInstanceOf(InvalidRequestException.class);
                secrets.restoreSecret(r -> r.secretId("doomed"));
                assertThat(secrets.getSecretValue(r -> r.secretId("doomed")).secretString()).isEqualTo("bye");
            }
        }
    }

    @Test
    void valuesSealedUnderAGivenKeyOpenOnlyUnderThatKey() {
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated", "--secrets-key", key)) {
            try (SecretsManagerClient secrets = process.secretsManager()) {
                secrets.createSecret(r -> r.name("keyed").secretString("under the given key"));
            }
            process.kill9();
            process.restart();
            try (SecretsManagerClient secrets = process.secretsManager()) {
                assertThat(secrets.getSecretValue(r -> r.secretId("keyed")).secretString())
                        .isEqualTo("under the given key");
            }
            assertThat(process.dataDirectory().resolve("secrets.key")).doesNotExist();
        }
    }

    @Test
    void aServerWithAnotherKeyAnswersDecryptionFailureNotAValue() throws Exception {
        Path data = Files.createTempDirectory("ecsd-other-key-");
        ServerConfig config = TestServer.configFor(data);
        try (EcsdServer first = EcsdServer.start(config); SecretsManagerClient secrets = client(first)) {
            secrets.createSecret(r -> r.name("sealed").secretString("under the data directory's key"));
        }
        String otherKey = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        try (EcsdServer second = EcsdServer.start(config.withSecretsKey(otherKey));
                SecretsManagerClient secrets = client(second)) {
            assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("sealed")))
                    .isInstanceOf(DecryptionFailureException.class)
                    .hasMessageContaining("can't decrypt")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("under the data directory's key"));
            assertThat(secrets.describeSecret(r -> r.secretId("sealed")).name()).isEqualTo("sealed");
        }
        try (EcsdServer third = EcsdServer.start(config); SecretsManagerClient secrets = client(third)) {
            assertThat(secrets.getSecretValue(r -> r.secretId("sealed")).secretString())
                    .isEqualTo("under the data directory's key");
        }
    }

    private static SecretsManagerClient client(EcsdServer server) {
        return SecretsManagerClient.builder().endpointOverride(server.endpoint()).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
