package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Secrets and their versions through the SDK: create, get, put, update, describe, stages, idempotency, errors. */
class SecretsManagerApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    private final SecretsManagerClient secrets = server.secretsManager();

    @Test
    void createdSecretHasAnArnWithSixCharacterSuffixAndAnswersByNameArnAndPartialArn() {
        CreateSecretResponse created = secrets.createSecret(r -> r.name("prod/db")
                .secretString("{\"username\":\"app\",\"password\":\"s3cr3t\"}"));

        assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-[A-Za-z]{6}");
        assertThat(created.name()).isEqualTo("prod/db");
        assertThat(created.versionId()).isNotBlank();
        String partial = created.arn().substring(0, created.arn().length() - 7);
        for (String id : new String[] {"prod/db", created.arn(), partial}) {
            GetSecretValueResponse value = secrets.getSecretValue(r -> r.secretId(id));
            assertThat(value.secretString()).isEqualTo("{\"username\":\"app\",\"password\":\"s3cr3t\"}");
            assertThat(value.arn()).isEqualTo(created.arn());
            assertThat(value.versionId()).isEqualTo(created.versionId());
            assertThat(value.versionStages()).containsExactly("AWSCURRENT");
            assertThat(value.createdDate()).isNotNull();
        }
    }

    @Test
    void binarySecretsRoundTrip() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 42};
        secrets.createSecret(r -> r.name("bin").secretBinary(SdkBytes.fromByteArray(bytes)));

        GetSecretValueResponse value = secrets.getSecretValue(r -> r.secretId("bin"));

        assertThat(value.secretBinary().asByteArray()).isEqualTo(bytes);
        assertThat(value.secretString()).isNull();
    }

    @Test
    void createRefusesBadNamesBothValuesAndExistingNames() {
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("bad name!").secretString("x")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("both").secretString("x")
                .secretBinary(SdkBytes.fromUtf8String("y"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("You can't specify both a binary secret value and a string secret value");
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("replicated").secretString("x")
                .addReplicaRegions(region -> region.region("eu-west-1"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not replicate");
        secrets.createSecret(r -> r.name("taken").secretString("x"));
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("taken").secretString("x")))
                .isInstanceOf(ResourceExistsException.class)
                .hasMessageContaining("The operation failed because the secret taken already exists.");
    }

    @Test
    void createWithTheSameTokenAndValueAnswersAsBefore() {
        String token = "11111111-2222-3333-4444-555555555555";
        CreateSecretResponse first = secrets.createSecret(r -> r.name("once").secretString("v")
                .clientRequestToken(token));
        CreateSecretResponse again = secrets.createSecret(r -> r.name("once").secretString("v")
                .clientRequestToken(token));

        assertThat(again.arn()).isEqualTo(first.arn());
        assertThat(again.versionId()).isEqualTo(token);
    }

    @Test
    void unknownSecretsAreNotFound() {
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("nothing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Secrets Manager can't find the specified secret.");
        assertThatThrownBy(() -> secrets.describeSecret(r -> r.secretId(
                "arn:aws:secretsmanager:us-east-1:000000000000:secret:nothing-AbCdEf")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void putMovesCurrentToPreviousAndIsIdempotentPerToken() {
        CreateSecretResponse created = secrets.createSecret(r -> r.name("rotating").secretString("one"));
        String token = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

        PutSecretValueResponse put = secrets.putSecretValue(r -> r.secretId("rotating").secretString("two")
                .clientRequestToken(token));
        PutSecretValueResponse repeated = secrets.putSecretValue(r -> r.secretId("rotating").secretString("two")
                .clientRequestToken(token));

        assertThat(put.versionId()).isEqualTo(token);
        assertThat(put.versionStages()).containsExactly("AWSCURRENT");
        assertThat(repeated.versionId()).isEqualTo(token);
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating")).secretString()).isEqualTo("two");
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating").versionStage("AWSPREVIOUS")).secretString())
                .isEqualTo("one");
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating").versionId(created.versionId())).secretString())
                .isEqualTo("one");
        assertThatThrownBy(() -> secrets.putSecretValue(r -> r.secretId("rotating").secretString("other")
                .clientRequestToken(token)))
                .isInstanceOf(ResourceExistsException.class)
                .hasMessageContaining("You can't modify an existing version");

        secrets.putSecretValue(r -> r.secretId("rotating").secretString("three"));
        DescribeSecretResponse described = secrets.describeSecret(r -> r.secretId("rotating"));
        assertThat(described.versionIdsToStages()).hasSize(2)
                .containsEntry(token, java.util.List.of("AWSPREVIOUS"))
                .doesNotContainKey(created.versionId());
        assertThat(secrets.listSecretVersionIds(r -> r.secretId("rotating").includeDeprecated(true)).versions())
                .hasSize(3);
    }

    @Test
    void putWithPendingStageLeavesCurrentAlone() {
        secrets.createSecret(r -> r.name("pending").secretString("live"));

        secrets.putSecretValue(r -> r.secretId("pending").secretString("next").versionStages("AWSPENDING"));

        assertThat(secrets.getSecretValue(r -> r.secretId("pending")).secretString()).isEqualTo("live");
        assertThat(secrets.getSecretValue(r -> r.secretId("pending").versionStage("AWSPENDING")).secretString())
                .isEqualTo("next");
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("pending").versionStage("AWSPREVIOUS")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("staging label: AWSPREVIOUS");
    }

    @Test
    void updateSecretChangesDetailsAndWithAValueMakesANewVersion() {
        secrets.createSecret(r -> r.name("upd").secretString("old").description("first"));

        secrets.updateSecret(r -> r.secretId("upd").description("second").kmsKeyId("alias/mine"));
        String versionId = secrets.updateSecret(r -> r.secretId("upd").secretString("new")).versionId();

        DescribeSecretResponse described = secrets.describeSecret(r -> r.secretId("upd"));
        assertThat(described.description()).isEqualTo("second");
        assertThat(described.kmsKeyId()).isEqualTo("alias/mine");
        assertThat(described.versionIdsToStages()).containsEntry(versionId, java.util.List.of("AWSCURRENT"));
        assertThat(secrets.getSecretValue(r -> r.secretId("upd")).secretString()).isEqualTo("new");
    }

    @Test
    void secretWithoutValueHasNoCurrentVersion() {
        CreateSecretResponse created = secrets.createSecret(r -> r.name("empty"));

        assertThat(created.versionId()).isNull();
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("empty")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Secrets Manager can't find the specified secret value for staging label: "
                        + "AWSCURRENT");
    }

    @Test
    void updateSecretVersionStageMovesLabelsByAwsRules() {
        String first = secrets.createSecret(r -> r.name("staged").secretString("a")).versionId();
        String second = secrets.putSecretValue(r -> r.secretId("staged").secretString("b")
                .versionStages("AWSPENDING")).versionId();

        assertThatThrownBy(() -> secrets.updateSecretVersionStage(r -> r.secretId("staged")
                .versionStage("AWSCURRENT").moveToVersionId(second)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("RemoveFromVersionId");
        assertThatThrownBy(() -> secrets.updateSecretVersionStage(r -> r.secretId("staged")
                .versionStage("AWSCURRENT").removeFromVersionId(first)))
                .isInstanceOf(InvalidParameterException.class);

        secrets.updateSecretVersionStage(r -> r.secretId("staged").versionStage("AWSCURRENT")
                .moveToVersionId(second).removeFromVersionId(first));
        assertThat(secrets.getSecretValue(r -> r.secretId("staged")).secretString()).isEqualTo("b");
        assertThat(secrets.describeSecret(r -> r.secretId("staged")).versionIdsToStages())
                .containsEntry(first, java.util.List.of("AWSPREVIOUS"))
                .containsEntry(second, java.util.List.of("AWSPENDING", "AWSCURRENT"));

        secrets.updateSecretVersionStage(r -> r.secretId("staged").versionStage("AWSPENDING")
                .removeFromVersionId(second));
        assertThat(secrets.describeSecret(r -> r.secretId("staged")).versionIdsToStages())
                .containsEntry(second, java.util.List.of("AWSCURRENT"));
        assertThatThrownBy(() -> secrets.updateSecretVersionStage(r -> r.secretId("staged")
                .versionStage("AWSPENDING").moveToVersionId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void rotationAnswersAClearError() {
        secrets.createSecret(r -> r.name("rot").secretString("x"));

        assertThatThrownBy(() -> secrets.rotateSecret(r -> r.secretId("rot")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ecsd does not rotate secrets");
    }

    @Test
    void missingSecretIdIsAValidationError() {
        assertThatThrownBy(() -> secrets.describeSecret(r -> { }))
                .isInstanceOf(SecretsManagerException.class)
                .satisfies(e -> assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }
}
