package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How Secrets Manager moves staging labels between a secret's versions: a label is on at most one version; when
 * AWSCURRENT moves, the version that had it becomes AWSPREVIOUS; versions left without labels are deprecated and the
 * oldest of them dropped past {@value #MAX_DEPRECATED}.
 */
final class SecretStages {
    static final int MAX_DEPRECATED = 100;
    static final int MAX_STAGES = 20;

    private SecretStages() {
    }

    /** {@code secret} with a new version, which takes its labels from the versions that had them. */
    static Secret withNewVersion(Secret secret, SecretVersion added, Instant now) {
        List<SecretVersion> versions = new ArrayList<>(secret.versions());
        versions.add(added.withStages(List.of()));
        for (String stage : added.stages()) {
            versions = attach(versions, stage, added.versionId());
        }
        return secret.withVersions(pruned(versions), now);
    }

    /** Moves {@code stage} onto {@code versionId} (from wherever it was), AWSCURRENT leaving AWSPREVIOUS behind. */
    static List<SecretVersion> attach(List<SecretVersion> versions, String stage, String versionId) {
        String previousHolder = versions.stream().filter(v -> v.hasStage(stage)).map(SecretVersion::versionId)
                .findFirst().orElse(null);
        List<SecretVersion> moved = new ArrayList<>();
        for (SecretVersion version : versions) {
            List<String> stages = new ArrayList<>(version.stages());
            stages.remove(stage);
            if (version.versionId().equals(versionId)) {
                stages.add(stage);
            }
            moved.add(version.withStages(stages));
        }
        if (SecretVersion.CURRENT.equals(stage) && previousHolder != null && !previousHolder.equals(versionId)) {
            return attach(moved, SecretVersion.PREVIOUS, previousHolder);
        }
        return moved;
    }

    /** Takes {@code stage} off {@code versionId}. */
    static List<SecretVersion> detach(List<SecretVersion> versions, String stage, String versionId) {
        List<SecretVersion> result = new ArrayList<>();
        for (SecretVersion version : versions) {
            if (version.versionId().equals(versionId)) {
                List<String> stages = new ArrayList<>(version.stages());
                stages.remove(stage);
                result.add(version.withStages(stages));
            } else {
                result.add(version);
            }
        }
        return result;
    }

    /** Drops the oldest versions without labels beyond the number the service keeps. */
    static List<SecretVersion> pruned(List<SecretVersion> versions) {
        long deprecated = versions.stream().filter(v -> v.stages().isEmpty()).count();
        if (deprecated <= MAX_DEPRECATED) {
            return versions;
        }
        List<SecretVersion> kept = new ArrayList<>(versions);
        long excess = deprecated - MAX_DEPRECATED;
        for (SecretVersion version : versions) {
            if (excess > 0 && version.stages().isEmpty()) {
                kept.remove(version);
                excess--;
            }
        }
        return kept;
    }
}
