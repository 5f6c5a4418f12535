package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.Arns;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.StateStore;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;

/**
 * AWS Secrets Manager on the shared endpoint (AWS JSON 1.1, {@code secretsmanager}). Values are sealed with the
 * server's {@link ValueCipher} before they are stored; only GetSecretValue and BatchGetSecretValue answer them.
 * Rotation needs Lambda, which ecsd does not run: RotateSecret and CancelRotateSecret say so.
 */
public final class SecretsManagerApi {
    public static final String SIGNING_NAME = "secretsmanager";
    public static final String TARGET_PREFIX = "secretsmanager";
    static final String NO_ROTATION = "ecsd does not rotate secrets: rotation runs a Lambda function, which ecsd "
            + "does not provide. Store a new value with PutSecretValue instead.";

    private SecretsManagerApi() {
    }

    public static ServiceProtocols service(StateStore store, ValueCipher cipher, Arns arns, RandomGenerator random,
            Supplier<String> versionIds) {
        SecretOperations secrets = new SecretOperations(store, cipher, arns, random, versionIds);
        SecretValues values = new SecretValues(store, cipher, versionIds);
        SecretStageOperations stages = new SecretStageOperations(store);
        SecretListing listing = new SecretListing(store);
        SecretTags tags = new SecretTags(store);
        RandomPasswords passwords = new RandomPasswords(random);
        return ServiceProtocols.builder(SIGNING_NAME, SecretsManagerClient.class)
                .awsJson(TARGET_PREFIX)
                .add(JsonOperation.of("CreateSecret", CreateSecretRequest::builder, secrets::createSecret))
                .add(JsonOperation.of("UpdateSecret", UpdateSecretRequest::builder, secrets::updateSecret))
                .add(JsonOperation.of("DescribeSecret", DescribeSecretRequest::builder, secrets::describeSecret))
                .add(JsonOperation.of("DeleteSecret", DeleteSecretRequest::builder, secrets::deleteSecret))
                .add(JsonOperation.of("RestoreSecret", RestoreSecretRequest::builder, secrets::restoreSecret))
                .add(JsonOperation.of("GetSecretValue", GetSecretValueRequest::builder, values::getSecretValue))
                .add(JsonOperation.of("PutSecretValue", PutSecretValueRequest::builder, values::putSecretValue))
                .add(JsonOperation.of("BatchGetSecretValue", BatchGetSecretValueRequest::builder,
                        values::batchGetSecretValue))
                .add(JsonOperation.of("ListSecretVersionIds", ListSecretVersionIdsRequest::builder,
                        values::listSecretVersionIds))
                .add(JsonOperation.of("UpdateSecretVersionStage", UpdateSecretVersionStageRequest::builder,
                        stages::updateSecretVersionStage))
                .add(JsonOperation.of("ListSecrets", ListSecretsRequest::builder, listing::listSecrets))
                .add(JsonOperation.of("TagResource", TagResourceRequest::builder, tags::tagResource))
                .add(JsonOperation.of("UntagResource", UntagResourceRequest::builder, tags::untagResource))
                .add(JsonOperation.of("GetRandomPassword", GetRandomPasswordRequest::builder,
                        passwords::getRandomPassword))
                .add(JsonOperation.of("RotateSecret", RotateSecretRequest::builder,
                        SecretsManagerApi::rotateSecret))
                .add(JsonOperation.of("CancelRotateSecret", CancelRotateSecretRequest::builder,
                        SecretsManagerApi::cancelRotateSecret))
                .build();
    }

    private static RotateSecretResponse rotateSecret(RotateSecretRequest request) {
        throw SecretRequests.invalidRequest(NO_ROTATION);
    }

    private static CancelRotateSecretResponse cancelRotateSecret(CancelRotateSecretRequest request) {
        throw SecretRequests.invalidRequest(NO_ROTATION);
    }
}
