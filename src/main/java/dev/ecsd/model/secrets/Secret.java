package dev.ecsd.model.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Secrets Manager secret, keyed by its ARN ({@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-XXXXXX}).
 * Its versions keep their values sealed; when deletion is scheduled, {@code deletedDate} is when it was asked for and
 * {@code deletionDate} when the secret is purged.
 */
public record Secret(
        String arn,
        String name,
        String description,
        String kmsKeyId,
        Map<String, String> tags,
        Instant createdDate,
        Instant lastChangedDate,
        Instant lastAccessedDate,
        Instant deletedDate,
        Instant deletionDate,
        List<SecretVersion> versions) {

    public Secret {
        tags = Map.copyOf(tags);
        versions = List.copyOf(versions);
    }

    /** The associated data a version's value is sealed with: a sealed value opens only on its own secret and version. */
    public static String sealingOwner(String arn, String versionId) {
        return arn + " " + versionId;
    }

    public boolean scheduledForDeletion() {
        return deletedDate != null;
    }

    /** Tags in key order, as they are answered. */
    public Map<String, String> sortedTags() {
        return new TreeMap<>(tags);
    }

    public Optional<SecretVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    public Optional<SecretVersion> versionWithStage(String stage) {
        return versions.stream().filter(v -> v.hasStage(stage)).findFirst();
    }

    public Secret withVersions(List<SecretVersion> newVersions, Instant changed) {
        return new Secret(arn, name, description, kmsKeyId, tags, createdDate, changed, lastAccessedDate, deletedDate,
                deletionDate, newVersions);
    }

    /** This secret with {@code version} in place of the version of the same id. */
    public Secret withVersion(SecretVersion version) {
        List<SecretVersion> replaced = new ArrayList<>(versions);
        replaced.replaceAll(v -> v.versionId().equals(version.versionId()) ? version : v);
        return new Secret(arn, name, description, kmsKeyId, tags, createdDate, lastChangedDate, lastAccessedDate,
                deletedDate, deletionDate, replaced);
    }

    public Secret withDetails(String newDescription, String newKmsKeyId, Instant changed) {
        return new Secret(arn, name, newDescription, newKmsKeyId, tags, createdDate, changed, lastAccessedDate,
                deletedDate, deletionDate, versions);
    }

    public Secret withTags(Map<String, String> newTags, Instant changed) {
        return new Secret(arn, name, description, kmsKeyId, newTags, createdDate, changed, lastAccessedDate,
                deletedDate, deletionDate, versions);
    }

    public Secret accessedOn(Instant day) {
        return new Secret(arn, name, description, kmsKeyId, tags, createdDate, lastChangedDate, day, deletedDate,
                deletionDate, versions);
    }

    public Secret scheduledForDeletion(Instant deleted, Instant deletion) {
        return new Secret(arn, name, description, kmsKeyId, tags, createdDate, deleted, lastAccessedDate, deleted,
                deletion, versions);
    }

    public Secret restored(Instant changed) {
        return new Secret(arn, name, description, kmsKeyId, tags, createdDate, changed, lastAccessedDate, null, null,
                versions);
    }
}
