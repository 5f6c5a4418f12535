package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageResponse;

/**
 * UpdateSecretVersionStage: moves a label to a version or takes it off one. A label attached elsewhere must be
 * named in RemoveFromVersionId, so nobody moves AWSCURRENT by accident; AWSCURRENT can be moved, never removed.
 */
final class SecretStageOperations {
    private final StateStore store;

    SecretStageOperations(StateStore store) {
        this.store = store;
    }

    UpdateSecretVersionStageResponse updateSecretVersionStage(UpdateSecretVersionStageRequest request) {
        SecretRequests.checkSecretId(request.secretId());
        String stage = SecretRequests.required(request.versionStage(), "versionStage");
        SecretValues.checkStages(List.of(stage));
        String moveTo = request.moveToVersionId();
        String removeFrom = request.removeFromVersionId();
        SecretRequests.checkVersionId(moveTo, "moveToVersionId");
        SecretRequests.checkVersionId(removeFrom, "removeFromVersionId");
        if (moveTo == null && removeFrom == null) {
            throw SecretRequests.invalidParameter("You must specify MoveToVersionId, RemoveFromVersionId, or both.");
        }
        return store.write(tx -> {
            Secret secret = SecretRequests.notScheduledForDeletion(SecretLookup.find(tx.state(),
                    request.secretId()));
            SecretVersion holder = secret.versionWithStage(stage).orElse(null);
            if (removeFrom != null) {
                SecretVersion from = existing(secret, removeFrom);
                if (!from.hasStage(stage)) {
                    throw SecretRequests.invalidParameter("The staging label " + stage + " is not attached to "
                            + "version " + removeFrom + ".");
                }
            }
            List<SecretVersion> versions;
            if (moveTo != null) {
                SecretVersion to = existing(secret, moveTo);
                if (holder != null && !holder.versionId().equals(moveTo)
                        && !holder.versionId().equals(removeFrom)) {
                    throw SecretRequests.invalidParameter("The parameter RemoveFromVersionId can't be empty. Staging "
                            + "label " + stage + " is currently attached to version " + holder.versionId()
                            + ", so you must explicitly reference that version in RemoveFromVersionId.");
                }
                if (!to.hasStage(stage) && to.stages().size() >= SecretStages.MAX_STAGES) {
                    throw new ApiException(ErrorType.LIMIT_EXCEEDED, "A version can have at most "
                            + SecretStages.MAX_STAGES + " staging labels.");
                }
                versions = SecretStages.attach(secret.versions(), stage, moveTo);
            } else {
                if (SecretVersion.CURRENT.equals(stage)) {
                    throw SecretRequests.invalidParameter("You can't remove the staging label AWSCURRENT from a "
                            + "version. Move it to another version with MoveToVersionId instead.");
                }
                versions = SecretStages.detach(secret.versions(), stage, removeFrom);
            }
            tx.put(Kind.SECRET, secret.withVersions(SecretStages.pruned(versions), SecretOperations.now(tx.now())));
            return UpdateSecretVersionStageResponse.builder().arn(secret.arn()).name(secret.name()).build();
        });
    }

    private static SecretVersion existing(Secret secret, String versionId) {
        return secret.version(versionId).orElseThrow(() -> new ApiException(ErrorType.RESOURCE_NOT_FOUND,
                "Secrets Manager can't find the specified secret value for VersionId: " + versionId));
    }
}
