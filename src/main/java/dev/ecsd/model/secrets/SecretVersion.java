package dev.ecsd.model.secrets;

import java.time.Instant;
import java.util.List;

/**
 * One version of a secret: its id (the ClientRequestToken that made it), its staging labels and its value, sealed
 * by the server's value cipher for the owner {@link Secret#sealingOwner}; the plaintext is never in a record.
 *
 * @param binary whether the value is a SecretBinary (otherwise a SecretString)
 * @param lastAccessedDate the day GetSecretValue last read this version, or null
 */
public record SecretVersion(
        String versionId,
        List<String> stages,
        Instant createdDate,
        String sealedValue,
        boolean binary,
        Instant lastAccessedDate) {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PREVIOUS = "AWSPREVIOUS";
    public static final String PENDING = "AWSPENDING";

    public SecretVersion {
        stages = List.copyOf(stages);
    }

    public boolean hasStage(String stage) {
        return stages.contains(stage);
    }

    public SecretVersion withStages(List<String> newStages) {
        return new SecretVersion(versionId, newStages, createdDate, sealedValue, binary, lastAccessedDate);
    }

    public SecretVersion accessedOn(Instant day) {
        return new SecretVersion(versionId, stages, createdDate, sealedValue, binary, day);
    }
}
